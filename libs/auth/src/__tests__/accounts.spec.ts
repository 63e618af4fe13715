import type { TenantRef } from '../../../context/src/index.js';
import { AuditService } from '../../../audit/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';

/** Accounts are created by the tenant's administrators, inside their own tenant only. */
describe('accounts', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let admin: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot();
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
    admin = await t.signedIn(a, ['tenant-admin']);
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, token = admin.token, tenant = a) =>
    t.http('post', '/accounts', { tenant: tenant.key, token, body });
  const newAccount = (over: Record<string, unknown> = {}) => ({
    email: `colleague-${Math.random().toString(36).slice(2)}@example.test`,
    displayName: 'New colleague',
    password: 'a-long-enough-passphrase',
    roles: ['staff'],
    ...over,
  });

  it('lets a tenant admin create an account that can then sign in, and audits it', async () => {
    const body = newAccount({ email: 'Mixed.Case@Example.test' });
    const res = await create(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: 'mixed.case@example.test',
      displayName: 'New colleague',
      roles: ['staff'],
      status: 'active',
      locale: 'nl',
    });
    const login = await t.http('post', '/auth/login', {
      tenant: a.key,
      body: { email: body.email, password: body.password },
    });
    expect(login.status).toBe(200);
    const audit = await t.inTenant(a, () => t.get(AuditService).forSubject(res.body.id));
    expect(audit.map((e) => e.action)).toContain('account.create');
    expect(audit.find((e) => e.action === 'account.create')).toMatchObject({
      actorId: admin.id,
      details: { roles: ['staff'] },
    });
  });

  it('refuses account creation to every other role', async () => {
    for (const role of ['staff', 'employer', 'jobseeker', 'partner'] as const) {
      const other = await t.signedIn(a, [role]);
      expect((await create(newAccount(), other.token)).status).toBe(403);
    }
    expect((await t.http('post', '/accounts', { tenant: a.key, body: newAccount() })).status).toBe(
      401,
    );
  });

  it('refuses a tenant admin of another tenant', async () => {
    const adminB = await t.signedIn(b, ['tenant-admin']);
    expect((await create(newAccount(), adminB.token, a)).status).toBe(401);
  });

  it('never lets a tenant admin hand out the platform-operator role', async () => {
    const res = await create(newAccount({ roles: ['platform-operator'] }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'roles', reason: expect.stringContaining('each value in roles must be one of') },
    ]);
  });

  it('names the field and the reason for a weak password (no partial write)', async () => {
    const body = newAccount({ password: 'short' });
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'password', reason: 'must be at least 12 characters' },
    ]);
    const again = await create({ ...body, password: 'a-long-enough-passphrase' });
    expect(again.status).toBe(201);
  });

  it('refuses a password that contains the e-mail address', async () => {
    const res = await create(
      newAccount({ email: 'jantjeberends@example.test', password: 'jantjeberends-2026!' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'password', reason: 'must not contain your e-mail address or name' },
    ]);
  });

  it('refuses a second account with the same address in the same tenant (409)', async () => {
    const body = newAccount();
    expect((await create(body)).status).toBe(201);
    const dup = await create({ ...body, email: body.email.toUpperCase() });
    expect(dup.status).toBe(409);
  });

  it('refuses an org unit of another tenant, naming the field', async () => {
    const unitB = await t.createOrgUnit(b, 'employer');
    const res = await create(newAccount({ orgUnitIds: [unitB.id] }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'orgUnitIds[0]', reason: 'is not an organisation unit of this tenant' },
    ]);
  });

  it('lists only the accounts of the own tenant, without password hashes', async () => {
    await t.createAccount(b, ['staff'], { email: `only-in-b-${Date.now()}@example.test` });
    const res = await t.http('get', '/accounts', { tenant: a.key, token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.text).not.toMatch(/only-in-b|password|argon2/i);
    expect(Object.keys(res.body.items[0]).sort()).toEqual([
      'displayName',
      'email',
      'id',
      'locale',
      'roles',
      'status',
    ]);
  });
});
