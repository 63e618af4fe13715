import pg from 'pg';
import { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import type { FieldDefinition, TenantDefinition } from '../../../plugin-api/src/index.js';
import { audienceFieldKeys } from '../../../profiles/src/profile-projection.js';
import { searchParams, searchRules, SEARCH_SQL, type RawResult, type SearchAudience } from '../search-rules.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { refugeeTalentPool } from '../../../../tenants/refugee-talent-pool/refugee-talent-pool.tenant.js';
import { hallowerk } from '../../../../tenants/hallowerk/hallowerk.tenant.js';
import { seedProfile } from './search-fixtures.js';

/** A value of the field's type, marked so it can be recognised anywhere in what PostgreSQL returns. */
function valueFor(f: FieldDefinition): unknown {
  const marked = `secret-${f.key}`;
  switch (f.type) {
    case 'enum':
      return f.options![0];
    case 'multi-enum':
      return [f.options![0]];
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return 1;
    case 'date':
      return '1990-01-01';
    case 'object-list':
      return [];
    default:
      return marked;
  }
}

/**
 * The rows the search function itself returns (as the runtime role, no HTTP and no TypeScript
 * projection in between) hold, for every audience, only the fields that audience may read: never
 * an internal-only value, never a special-category value the declaration does not give it.
 */
describe('search returns only the fields the audience may read, from PostgreSQL itself', () => {
  let t: TestApp;
  let runtime: pg.Client;

  beforeAll(async () => {
    t = await TestApp.boot();
    runtime = new pg.Client({ connectionString: t.prepared.appUrl });
    await runtime.connect();
  });
  afterAll(async () => {
    await runtime.end();
    await t.close();
  });

  async function rawSearch(tenant: TenantRef, def: TenantDefinition, audience: SearchAudience, actor: string) {
    await runtime.query('BEGIN');
    try {
      await runtime.query('SELECT app.set_tenant($1)', [tenant.id]);
      const rules = searchRules(def, audience, actor, new Date());
      const req = { q: null, filters: {}, sort: 'recent' as const, limit: 50, cursor: null };
      const res = await runtime.query(SEARCH_SQL, searchParams(rules, req, null, 50, null));
      return res.rows[0].result as RawResult;
    } finally {
      await runtime.query('ROLLBACK');
    }
  }

  const cases: [TenantDefinition, SearchAudience[]][] = [
    [kandidatenbank, ['employer', 'staff', 'tenant-admin']],
    [refugeeTalentPool, ['employer', 'staff']],
    [hallowerk, ['employer', 'partner', 'staff']],
  ];

  describe.each(cases.map(([def, audiences]) => ({ key: def.key, def, audiences })))('$key', ({ def, audiences }) => {
    let tenant: TenantRef;
    const actors: Partial<Record<SearchAudience, string>> = {};

    beforeAll(async () => {
      tenant = await t.createTenant(def.key);
      const employerUnit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
      const staffUnit = await t.createOrgUnit(tenant, 'region');
      for (const audience of audiences)
        actors[audience] = (
          await t.createAccount(tenant, [audience], { orgUnitIds: [audience === 'staff' ? staffUnit.id : employerUnit.id] })
        ).id;
      const fields = Object.fromEntries(def.profile.fields.map((f) => [f.key, valueFor(f)]));
      const consents = [...def.consents.map((c) => c.key)];
      await seedProfile(t, tenant, { fields, consents, orgUnitId: staffUnit.id });
      await seedProfile(t, tenant, { fields, consents, orgUnitId: staffUnit.id, state: 'anonymous' });
    });

    it.each(audiences)('as %s', async (audience) => {
      const result = await rawSearch(tenant, def, audience, actors[audience]!);
      expect(result.hits).toHaveLength(2);
      const allowed = new Set(audienceFieldKeys(def, audience));
      const outside = audience !== 'staff' && audience !== 'tenant-admin';
      // The audience still gets what it may read, so an empty answer cannot pass for a projected one.
      const listed = result.hits.find((h) => h.state === 'active')!;
      expect(Object.keys(listed.fields).length).toBeGreaterThan(0);
      for (const hit of result.hits) {
        const keys = Object.keys(hit.fields);
        expect(keys.filter((k) => !allowed.has(k))).toEqual([]);
        if (!outside) continue;
        const raw = JSON.stringify(hit);
        for (const f of def.profile.fields) {
          const leaked = f.key in hit.fields || raw.includes(`secret-${f.key}"`);
          if (f.internalOnly) expect([f.key, leaked]).toEqual([f.key, false]);
          if (f.specialCategory && !f.read.includes(audience)) expect([f.key, leaked]).toEqual([f.key, false]);
          if (f.identifying && hit.state === 'anonymous') expect([f.key, leaked]).toEqual([f.key, false]);
        }
      }
    });
  });
});
