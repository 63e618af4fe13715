import { TenantDb } from '../index.js';
import { TestApp } from '../../../../test/support/test-app.js';

/**
 * A batch in one unit of work where each item is all or nothing: a failing item takes back its
 * own writes (also those before the failing statement) and its commit hooks, the others commit.
 */
describe('TenantTx.savepoint', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('rolls back only the failed item, keeps the others and drops the failed item’s commit hooks', async () => {
    t = await TestApp.boot();
    const tenant = await t.createTenant('kandidatenbank');
    const insert = `INSERT INTO org_units (tenant_id, kind, key, name) VALUES ($1, 'team', $2, $2)`;
    const hooks: string[] = [];
    const outcomes = await t.get(TenantDb).forTenant(tenant, async (tx) => {
      const out: string[] = [];
      for (const key of ['first', 'broken', 'third'])
        try {
          await tx.savepoint(async () => {
            await tx.query(insert, [tx.tenantId, key]);
            tx.afterCommit(() => void hooks.push(key));
            // The same key again violates the unique constraint: the item fails after a write.
            if (key === 'broken') await tx.query(insert, [tx.tenantId, key]);
          });
          out.push(`${key}: stored`);
        } catch {
          out.push(`${key}: refused`);
        }
      return out;
    });
    expect(outcomes).toEqual(['first: stored', 'broken: refused', 'third: stored']);
    const keys = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ key: string }>(`SELECT key FROM org_units WHERE tenant_id = $1 ORDER BY key`, [tx.tenantId]),
    );
    expect(keys.map((k) => k.key)).toEqual(['first', 'third']);
    expect(hooks).toEqual(['first', 'third']);
  });
});
