import pg from 'pg';
import { RequestContext, type TenantRef } from '../../../context/src/index.js';
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

  const actingAs = (accountId: string, fn: () => Promise<void>) =>
    RequestContext.run({ tenant: a, actor: { accountId, kind: 'account', roles: ['jobseeker'], orgUnitIds: [] } }, fn);
  const pseudonymOf = async (tenantId: string, personId: string) =>
    (await owner.query(`SELECT pseudonym FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = $2`, [tenantId, personId]))
      .rows[0]?.pseudonym ?? null;

  it('records who did what with the request id, naming people by their pseudonym only', async () => {
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
    const pseudonym = await pseudonymOf(a.id, admin.id);
    expect(pseudonym).toMatch(/^[0-9a-f-]{36}$/);
    expect(pseudonym).not.toBe(admin.id);
    expect(rows).toEqual([
      {
        actor_id: pseudonym,
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
    expect(signIns.every((e) => e.subjectId === admin.id)).toBe(true);
    expect(JSON.stringify(signIns)).not.toContain(admin.email);
    const stored = await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND (actor_id = $2 OR subject_id = $2)`, [
      a.id,
      admin.id,
    ]);
    expect(stored.rows[0].n).toBe(0);
  });

  it("a reader holding the key finds a person's entries, as subject and as actor, with their id", async () => {
    const person = await t.signedIn(a, ['jobseeker']);
    const audit = t.get(AuditService);
    await actingAs(person.id, () => audit.record({ action: 'setting.change', subjectType: 'test' }));
    const about = await t.inTenant(a, () => audit.forSubject(person.id));
    expect(about.map((e) => e.action)).toContain('account.sign-in');
    const by = await t.inTenant(a, () => audit.list({ actorId: person.id }));
    expect(by.length).toBeGreaterThan(0);
    expect(by.every((e) => e.actorId === person.id)).toBe(true);
    const page = await t.http('get', `/audit?actorId=${person.id}`, { tenant: a.key, token: admin.token });
    expect(page.body.items.every((e: { actorId: string }) => e.actorId === person.id)).toBe(true);
  });

  it('after erasure the entries stay and stay append-only, but nothing in the log or its key leads back to the person', async () => {
    const person = await t.signedIn(a, ['jobseeker']);
    await actingAs(person.id, () => t.get(AuditService).record({ action: 'setting.change', subjectType: 'test' }));
    const pseudonym = await pseudonymOf(a.id, person.id);
    const entries = async () =>
      (await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND (actor_id = $2 OR subject_id = $2)`, [a.id, pseudonym]))
        .rows[0].n as number;
    const before = await entries();
    expect(before).toBeGreaterThan(0);

    const { ErasureService } = await import('../../../privacy/src/erasure.service.js');
    await t.inTenant(a, () => t.get(ErasureService).erase(person.id, 'test'));

    expect(await pseudonymOf(a.id, person.id)).toBeNull();
    expect(await entries()).toBe(before + 1); // the erasure's own entry, under the same pseudonym
    const traces = await owner.query(
      `SELECT count(*)::int AS n FROM audit_log a WHERE a.tenant_id = $1 AND a::text LIKE '%' || $2 || '%'`,
      [a.id, person.id],
    );
    expect(traces.rows[0].n).toBe(0);
    expect(await t.inTenant(a, () => t.get(AuditService).forSubject(person.id))).toEqual([]);
    const listed = await t.http('get', '/audit?limit=200', { tenant: a.key, token: admin.token });
    expect(listed.text).not.toContain(person.id);
    expect(listed.body.items.filter((e: { action: string; subjectId: string | null }) => e.action === 'person.erase')[0]).toMatchObject({
      subjectId: null,
    });
    await expect(attempt(owner, a.id, `DELETE FROM audit_log WHERE tenant_id = $1 AND subject_id = $2`, [a.id, pseudonym])).rejects.toThrow(
      /audit_log is append-only/,
    );
  });

  it("the runtime role may read, add and delete pseudonym keys, but not rewrite one", async () => {
    await expect(
      attempt(runtime, a.id, `UPDATE audit_pseudonyms SET pseudonym = gen_random_uuid() WHERE tenant_id = $1`, [a.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(attempt(runtime, a.id, `SELECT count(*) FROM audit_pseudonyms WHERE tenant_id = $1`, [a.id])).resolves.toBeDefined();
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
        `INSERT INTO audit_log (tenant_id, actor_kind, action, processing_activity, subject_type) VALUES ($1, 'system', 'forged.entry', 'retention', 'x')`,
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
          .record({ action: 'setting.change', subjectType: 'test', details: { i } });
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
          await audit.record({ action: 'setting.change', subjectType: 'test-rolled-back' }, tx);
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    const entries = await t.inTenant(a, () => audit.list({ limit: 200 }));
    expect(entries.map((e) => e.subjectType)).not.toContain('test-rolled-back');
  });
});
