import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../../platform/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../index.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { pgbouncerBinary, startPgBouncer, type PgBouncer } from '../../../../test/support/pgbouncer.js';

const BINARY = pgbouncerBinary();
/** Server connections the pooler may open: far fewer than the concurrent units of work. */
const SERVER_CONNECTIONS = 2;
const APP_POOL = 20;
const UNITS_PER_TENANT = 300;

if (!BINARY)
  console.warn('SKIPPED: the PgBouncer test needs the pgbouncer binary (Debian: apt-get install pgbouncer); .ci/run installs it.');
const describeWithPgBouncer = BINARY ? describe : describe.skip;

interface Answer {
  tenant: string;
  current: string | null;
  visible: string[];
  pid: number;
}

/**
 * PgBouncer in transaction pooling mode hands each transaction whatever server connection is free,
 * so a tenant setting that outlived its transaction would reach another tenant's. The tenant is set
 * with SET LOCAL inside each unit of work: two tenants hammered at once through two server
 * connections must each see only themselves, and no statement outside a unit sees any tenant.
 */
describeWithPgBouncer('tenant units of work through PgBouncer in transaction pooling mode', () => {
  let t: TestApp;
  let bouncer: PgBouncer;
  let pooled: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    [a, b] = [await t.createTenant('kandidatenbank'), await t.createTenant('kandidatenbank')];
    for (const tenant of [a, b]) await t.createOrgUnit(tenant, 'employer');
    bouncer = await startPgBouncer(BINARY!, t.prepared.appUrl, SERVER_CONNECTIONS);
    // The whole app boots through the pooler, its checks of the runtime role included.
    ({ app: pooled } = await createApiApp({
      tenants: registeredTenants,
      env: { ...process.env, DATABASE_POOL_SIZE: String(APP_POOL) },
      prepared: { ...t.prepared, appUrl: bouncer.url, stop: async () => undefined },
    }));
  }, 60_000);
  afterAll(async () => {
    await pooled?.close();
    await bouncer?.stop();
    await t?.close();
  });

  it('every answer belongs to the tenant that asked, and statements outside a unit see no tenant', async () => {
    const db = pooled.get(TenantDb);
    const unit = (tenant: TenantRef) =>
      db.forTenant(tenant, async (tx): Promise<Answer> => {
        const [first] = await tx.query<{ current: string | null; pid: number }>(
          `SELECT app.current_tenant_id() AS current, pg_backend_pid() AS pid WHERE $1::uuid IS NOT NULL /* tenant_id */`,
          [tx.tenantId],
        );
        // A pause inside the transaction, so the other tenant's units queue for the two server connections.
        await tx.query(`SELECT pg_sleep(0.001) WHERE $1::uuid IS NOT NULL /* tenant_id */`, [tx.tenantId]);
        // No tenant filter here on purpose: what row-level security lets this transaction see.
        const rows = await tx.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM org_units`);
        return { tenant: tx.tenantId, current: first.current, visible: rows.map((r) => r.tenant_id), pid: first.pid };
      });
    const outside = () =>
      pooled
        .get(DataSource)
        .query(`SELECT app.current_tenant_id() AS current, pg_backend_pid() AS pid`)
        .then(([r]: { current: string | null; pid: number }[]) => r);

    const started = performance.now();
    const work: Promise<Answer | { current: string | null; pid: number }>[] = [];
    for (let i = 0; i < UNITS_PER_TENANT; i++) work.push(unit(a), unit(b), ...(i % 10 === 0 ? [outside()] : []));
    const answers = await Promise.all(work);
    const ms = performance.now() - started;

    const units = answers.filter((x): x is Answer => 'tenant' in x);
    const wrong = units.filter((u) => u.current !== u.tenant || u.visible.length !== 1 || u.visible[0] !== u.tenant);
    expect(wrong).toEqual([]);
    expect(units).toHaveLength(2 * UNITS_PER_TENANT);
    expect(answers.filter((x) => !('tenant' in x) && x.current !== null)).toEqual([]);
    // Few server connections, and each served both tenants in turn: the setting had every chance to leak.
    const pids = (tenant: TenantRef) => new Set(units.filter((u) => u.tenant === tenant.id).map((u) => u.pid));
    const all = new Set(answers.map((x) => x.pid));
    expect(all.size).toBeLessThanOrEqual(SERVER_CONNECTIONS);
    expect([...pids(a)].filter((p) => pids(b).has(p)).length).toBeGreaterThan(0);
    console.log(
      `pgbouncer: ${answers.length} units and statements of 2 tenants, ${APP_POOL} client connections over ${all.size} server connections, ${Math.round(ms)} ms, none leaked`,
    );
  }, 60_000);

  it('serves signed-in requests of two tenants at once through the pooler, each answered with its own data', async () => {
    const admins = await Promise.all([a, b].map((tenant) => t.signedIn(tenant, ['tenant-admin'])));
    const ownUnits = await Promise.all(
      [a, b].map((tenant) =>
        t.get(TenantDb).forTenant(tenant, (tx) => tx.query<{ id: string }>(`SELECT id FROM org_units WHERE tenant_id = $1`, [tx.tenantId])),
      ),
    );
    const requests = Array.from({ length: 60 }, (_, i) => i % 2).map(async (side) => {
      const res = await request(pooled.getHttpServer())
        .get('/org-units')
        .set('X-Tenant', [a, b][side].key)
        .set('Authorization', `Bearer ${admins[side].token}`);
      const items = (res.body as { items?: { id: string; tenantId: string }[] }).items ?? [];
      return { side, status: res.status, ids: items.map((u) => u.id).sort(), tenants: [...new Set(items.map((u) => u.tenantId))] };
    });
    for (const r of await Promise.all(requests)) {
      expect(r.status).toBe(200);
      expect(r.tenants).toEqual([[a, b][r.side].id]);
      expect(r.ids).toEqual(ownUnits[r.side].map((u) => u.id).sort());
    }
  }, 60_000);
});
