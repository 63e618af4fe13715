import pg from 'pg';
import type { TenantRef } from '../../../context/src/index.js';
import { AuditService } from '../audit.service.js';
import { TestApp } from '../../../../test/support/test-app.js';

/** The audit log is append-only for everyone, the database owner included, and per tenant. */
describe('audit log', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let admin: Awaited<ReturnType<TestApp['signedIn']>>;
  let runtime: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await TestApp.boot();
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
    admin = await t.signedIn(a, ['tenant-admin']);
    await t.signedIn(b, ['tenant-admin']);
    runtime = new pg.Client({ connectionString: t.prepared.appUrl });
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await Promise.all([runtime.connect(), owner.connect()]);
  });
  afterAll(async () => {
    await Promise.all([runtime?.end(), owner?.end()]);
    await t?.close();
  });

  /** Runs statements in a transaction that is always rolled back, so a failed guard leaves no trace. */
  async function attempt(
    client: pg.Client,
    tenantId: string | null,
    sql: string,
    params: unknown[] = [],
  ) {
    await client.query('BEGIN');
    try {
      if (tenantId) await client.query('SELECT app.set_tenant($1)', [tenantId]);
      return await client.query(sql, params);
    } finally {
      await client.query('ROLLBACK');
    }
  }

  it('records who did what with the request id, naming people by id only', async () => {
    await t.http('post', '/org-units', {
      tenant: a.key,
      token: admin.token,
      headers: { 'x-request-id': 'audit-req-1' },
      body: { key: 'audited-unit', name: 'Audited unit', kind: 'team' },
    });
    const { rows } = await owner.query(
      `SELECT actor_id, actor_kind, actor_roles, action, subject_type, request_id, details FROM audit_log
        WHERE tenant_id = $1 AND request_id = 'audit-req-1'`,
      [a.id],
    );
    expect(rows).toEqual([
      {
        actor_id: admin.id,
        actor_kind: 'account',
        actor_roles: ['tenant-admin'],
        action: 'org-unit.create',
        subject_type: 'org-unit',
        request_id: 'audit-req-1',
        details: {},
      },
    ]);
    const signIns = await t.inTenant(a, () => t.get(AuditService).forSubject(admin.id));
    expect(signIns.map((e) => e.action)).toContain('account.sign-in');
    expect(JSON.stringify(signIns)).not.toContain(admin.email);
  });

  it("cannot be changed or deleted by the app's runtime role", async () => {
    await expect(
      attempt(runtime, a.id, `UPDATE audit_log SET action = 'x.y' WHERE tenant_id = $1`, [a.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      attempt(runtime, a.id, `DELETE FROM audit_log WHERE tenant_id = $1`, [a.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(attempt(runtime, a.id, `TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
  });

  it('cannot be changed, deleted or truncated even by the table owner: a trigger refuses it', async () => {
    // Only this file's tenant: other test files write audit rows into the same database meanwhile.
    const count = async () =>
      (await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1`, [a.id]))
        .rows[0].n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(
      attempt(owner, a.id, `UPDATE audit_log SET action = 'x.y' WHERE tenant_id = $1`, [a.id]),
    ).rejects.toThrow(/audit_log is append-only/);
    await expect(
      attempt(owner, a.id, `DELETE FROM audit_log WHERE tenant_id = $1`, [a.id]),
    ).rejects.toThrow(/audit_log is append-only/);
    await expect(attempt(owner, a.id, `TRUNCATE audit_log`)).rejects.toThrow(
      /audit_log is append-only/,
    );
    expect(await count()).toBe(before);
  });

  it('refuses a forged entry for another tenant', async () => {
    await expect(
      attempt(
        runtime,
        a.id,
        `INSERT INTO audit_log (tenant_id, actor_kind, action, subject_type) VALUES ($1, 'system', 'forged.entry', 'x')`,
        [b.id],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("shows a tenant admin only the own tenant's entries, newest first, with keyset paging", async () => {
    for (let i = 0; i < 3; i++)
      await t.http('get', '/auth/me', { tenant: a.key, token: admin.token });
    await t.inTenant(a, async () => {
      for (let i = 0; i < 3; i++)
        await t
          .get(AuditService)
          .record({ action: 'test.page', subjectType: 'test', details: { i } });
    });
    const page1 = await t.http('get', '/audit?limit=2', { tenant: a.key, token: admin.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.http('get', `/audit?limit=2&before=${page1.body.next}`, {
      tenant: a.key,
      token: admin.token,
    });
    const ids = [...page1.body.items, ...page2.body.items].map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(4);
    expect(page1.body.items.map((e: { details: { i: number } }) => e.details.i)).toEqual([2, 1]);
    const all = await t.http('get', '/audit?limit=200', { tenant: a.key, token: admin.token });
    expect(all.text).not.toContain(b.id);
  });

  it('filters by subject and validates its query, naming the parameter', async () => {
    const bySubject = await t.http('get', `/audit?subjectId=${admin.id}`, {
      tenant: a.key,
      token: admin.token,
    });
    expect(bySubject.body.items.every((e: { subjectId: string }) => e.subjectId === admin.id)).toBe(
      true,
    );
    const bad = await t.http('get', '/audit?subjectId=nope&limit=5000', {
      tenant: a.key,
      token: admin.token,
    });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'limit',
      'subjectId',
    ]);
  });

  it('rolls back with the change it records', async () => {
    const audit = t.get(AuditService);
    const { TenantDb } = await import('../../../database/src/index.js');
    await expect(
      t.inTenant(a, () =>
        t.get(TenantDb).transaction(async (tx) => {
          await audit.record({ action: 'test.rolled-back', subjectType: 'test' }, tx);
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    const entries = await t.inTenant(a, () => audit.list({ limit: 200 }));
    expect(entries.map((e) => e.action)).not.toContain('test.rolled-back');
  });
});
