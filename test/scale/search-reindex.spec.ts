import { TenantDb } from '../../libs/database/src/index.js';
import type { TenantRef } from '../../libs/context/src/index.js';
import { reindexSearch } from '../../apps/tools/search-reindex.js';
import { seedProfile } from '../../libs/search/src/__tests__/search-fixtures.js';
import { TestApp } from '../support/test-app.js';

/**
 * The operator's rebuild of the search index (`npm run reindex-search`, docs/scaling.md): after a
 * tenant changed which fields are searchable, or after a restore, the index is rebuilt from the
 * profiles, tenant by tenant, and the rebuild says how far it is while it runs.
 */
describe('rebuilding the search index from the command line', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  const indexed = (tenant: TenantRef) =>
    t.get(TenantDb).forTenant(tenant, async (tx) => (await tx.query<{ id: string }>(`SELECT profile_id AS id FROM profile_search WHERE tenant_id = $1`, [tx.tenantId])).map((r) => r.id).sort());

  beforeAll(async () => {
    t = await TestApp.boot();
    [a, b] = [await t.createTenant('kandidatenbank'), await t.createTenant('kandidatenbank')];
  });
  afterAll(() => t?.close());

  it('rebuilds only the named tenant from its profiles, listed ones only, printing its progress and its end', async () => {
    const listed = [
      await seedProfile(t, a, { fields: { occupation: 'Lasser' } }),
      await seedProfile(t, a, { fields: { occupation: 'Timmerman' }, state: 'anonymous' }),
    ].sort();
    await seedProfile(t, a, { fields: { occupation: 'Schilder' }, state: 'draft' });
    const other = await seedProfile(t, b, { fields: { occupation: 'Kok' } });
    expect(await indexed(a)).toEqual(listed);
    // An index gone stale: rows lost, and a row for a profile that is no longer listed.
    await t.get(TenantDb).forTenant(a, (tx) => tx.query(`DELETE FROM profile_search WHERE tenant_id = $1 AND profile_id = $2`, [tx.tenantId, listed[0]]));
    await t.get(TenantDb).forTenant(b, (tx) => tx.query(`DELETE FROM profile_search WHERE tenant_id = $1`, [tx.tenantId]));

    const lines: string[] = [];
    const report = await reindexSearch(t.app, [a.key, 'no-such-tenant'], (line) => lines.push(line), 0);

    expect(await indexed(a)).toEqual(listed);
    expect(await indexed(b)).toEqual([]);
    expect(report.tenants).toEqual([{ key: a.key, profiles: 3, seconds: expect.any(Number) }]);
    expect(report.unknown).toEqual(['no-such-tenant']);
    expect(report.skipped).toEqual([]);
    expect(lines).toEqual([`${a.key}: 3 profiles so far (${lines[0]?.match(/\(([\d,]+)\/s\)/)?.[1]}/s)`, expect.stringMatching(new RegExp(`^${a.key}: done, 3 profiles in \\d+\\.\\d s$`))]);
    expect(lines.join('\n')).not.toContain(b.key);

    // Without names, every tenant (the platform's own excepted).
    const all = await reindexSearch(t.app, [], () => undefined);
    expect(all.tenants.map((x) => x.key)).toEqual(expect.arrayContaining([a.key, b.key]));
    expect(await indexed(b)).toEqual([other]);
  });
});
