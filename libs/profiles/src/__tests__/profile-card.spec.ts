import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import { AccountsService } from '../../../auth/src/index.js';
import { DEFINER_ROLE, TenantDb } from '../../../database/src/index.js';
import type { FieldProjectionSql } from '../reach-sql.js';

/**
 * app.profile_card is how the search's page reads its hits (SearchProfileCards1732300000100):
 * it re-checks the listing for the audience, projects the fields, and is inlined into the
 * caller's statement, so the page join stays a primary-key lookup per row.
 */
describe('the profile card the search page reads', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let owner: pg.Client;
  let runtime: pg.Client;
  let listed: string;
  let hidden: string;
  const now = new Date('2026-06-01T12:00:00Z');
  const projection: FieldProjectionSql = { keys: ['city'], connectedKeys: ['city', 'lastName'], identifying: [], consents: {} };

  async function seed(visibleToEmployers: boolean): Promise<string> {
    const tag = randomBytes(4).toString('hex');
    const account = await t.inTenant(tenant, () =>
      t.get(AccountsService).create({ email: `card-${tag}@example.test`, displayName: tag, roles: ['jobseeker'], emailVerified: true }),
    );
    await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `INSERT INTO profiles (tenant_id, id, state, alias, fields, visible_to_employers, activated_at, listed_until)
         VALUES ($1, $2, 'active', $3, $4, $5, now(), '2027-01-01T00:00:00Z')`,
        [tx.tenantId, account.id, `Kandidaat ${tag}`, JSON.stringify({ city: 'Delft', lastName: 'Visser' }), visibleToEmployers],
      ),
    );
    return account.id;
  }

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
    listed = await seed(true);
    hidden = await seed(false);
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    runtime = new pg.Client({ connectionString: t.prepared.appUrl });
    await Promise.all([owner.connect(), runtime.connect()]);
  });
  afterAll(async () => {
    await Promise.all([owner.end(), runtime.end()]);
    await t.close();
  });

  /** As the search function runs it: the definer role, the tenant set, in a rolled-back transaction. */
  async function asDefiner<T>(fn: () => Promise<T>): Promise<T> {
    await owner.query('BEGIN');
    try {
      await owner.query('SELECT app.set_tenant($1)', [tenant.id]);
      await owner.query(`SET LOCAL ROLE ${DEFINER_ROLE}`);
      return await fn();
    } finally {
      await owner.query('ROLLBACK');
    }
  }

  const PAGE = `SELECT s.profile_id, p.state, p.alias, p.public_handle, p.fields
     FROM unnest($2::uuid[]) s(profile_id)
     JOIN LATERAL app.profile_card($1, s.profile_id, $3, true, $4, $5::jsonb, '{}'::uuid[]) p ON true`;
  const params = (outside: boolean) => [tenant.id, [listed, hidden], outside, now, JSON.stringify(projection)];

  it('returns the listed profiles only, with the projected fields', async () => {
    const outside = await asDefiner(() => owner.query(PAGE, params(true)));
    expect(outside.rows).toEqual([
      { profile_id: listed, state: 'active', alias: expect.stringMatching(/^Kandidaat /), public_handle: expect.any(String), fields: { city: 'Delft' } },
    ]);
    const inside = await asDefiner(() => owner.query(PAGE, params(false)));
    expect(inside.rows.map((r) => r.profile_id).sort()).toEqual([listed, hidden].sort());
  });

  it('is inlined: the page join is an index lookup per page row, not a scan of the tenant', async () => {
    await owner.query('BEGIN');
    try {
      // A tenant of some size (rolled back): with two profiles, reading them all is the cheaper plan.
      await owner.query(
        `INSERT INTO accounts (tenant_id, email, display_name, roles)
         SELECT $1, 'bulk-' || i || '@example.test', 'Bulk', '{jobseeker}' FROM generate_series(1, 3000) i`,
        [tenant.id],
      );
      await owner.query(
        `INSERT INTO profiles (tenant_id, id, state, alias, visible_to_employers, activated_at, listed_until)
         SELECT tenant_id, id, 'active', 'Bulk ' || email, true, now(), '2027-01-01' FROM accounts
          WHERE tenant_id = $1 AND email LIKE 'bulk-%'`,
        [tenant.id],
      );
      await owner.query('ANALYZE profiles');
      await owner.query('SELECT app.set_tenant($1)', [tenant.id]);
      await owner.query(`SET LOCAL ROLE ${DEFINER_ROLE}`);
      const plan = (await owner.query(`EXPLAIN ${PAGE}`, params(true))).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/Function Scan on profile_card/);
      expect(plan).toMatch(/Index Scan using profiles_pkey on profiles p\s+\(.*\)\s+Index Cond: \(\(tenant_id = '[^']+'::uuid\) AND \(id = s\.profile_id\)\)/);
      expect(plan).not.toMatch(/Seq Scan on profiles|Bitmap Heap Scan on profiles/);
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  it('is not callable by the runtime role', async () => {
    await expect(runtime.query(PAGE, params(true))).rejects.toThrow(/permission denied for function profile_card/);
  });
});
