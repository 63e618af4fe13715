import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';

/**
 * Platform operators create tenants and their first administrator from the platform tenant, and
 * reach no tenant's accounts or candidate data.
 */
describe('platform operators', () => {
  let t: TestApp;
  let platform: TenantRef;
  let operator: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot();
    platform = await t.platformTenant();
    operator = await t.signedIn(platform, ['platform-operator']);
  });
  afterAll(() => t?.close());

  const newTenant = (over: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) => {
    const key = `op-${Math.random().toString(36).slice(2, 10)}`;
    return {
      key,
      plugin: 'kandidatenbank',
      name: `Tenant ${key}`,
      domains: [`${key}.recruit.example`],
      admin: {
        email: `first@${key}.example`,
        displayName: 'First Admin',
        password: 'launch-day-passphrase',
        ...admin,
      },
      ...over,
    };
  };
  const createTenant = (body: unknown, token = operator.token) =>
    t.http('post', '/platform/tenants', { tenant: platform.key, token, body });
  const listKeys = async () =>
    (
      await t.http('get', '/platform/tenants', { tenant: platform.key, token: operator.token })
    ).body.items.map((x: { key: string }) => x.key);

  it('creates a tenant with its first admin, who can sign in to the new tenant (by key and by host)', async () => {
    const body = newTenant();
    const res = await createTenant(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      key: body.key,
      plugin: 'kandidatenbank',
      adminId: expect.any(String),
    });
    expect(await listKeys()).toContain(body.key);
    const login = await t.http('post', '/auth/login', {
      tenant: body.key,
      body: { email: body.admin.email, password: body.admin.password },
    });
    expect(login.status).toBe(200);
    const me = await t.http('get', '/auth/me', {
      headers: { host: body.domains[0] },
      token: login.body.accessToken,
    });
    expect(me.body).toMatchObject({
      id: res.body.adminId,
      roles: ['tenant-admin'],
      tenant: body.key,
    });
    // The new admin does the tenant's own administration from here on.
    const accounts = await t.http('get', '/accounts', {
      tenant: body.key,
      token: login.body.accessToken,
    });
    expect(accounts.body.items.map((a: { email: string }) => a.email)).toEqual([body.admin.email]);
  });

  it('checks the admin password before creating anything: a refused admin leaves no tenant behind', async () => {
    const body = newTenant({}, { password: 'short' });
    const res = await createTenant(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'admin.password', reason: 'must be at least 12 characters' },
    ]);
    expect(await listKeys()).not.toContain(body.key);
    // Nothing half-made blocks the corrected request: same key, same domain.
    const retry = await createTenant({
      ...body,
      admin: { ...body.admin, password: 'launch-day-passphrase' },
    });
    expect(retry.status).toBe(201);
  });

  it('refuses an unregistered tenant definition, naming the field', async () => {
    for (const plugin of ['no-such-plugin', 'platform']) {
      const res = await createTenant(newTenant({ plugin }));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'plugin', reason: 'is not a registered tenant definition' },
      ]);
    }
  });

  it('validates the body, naming nested fields', async () => {
    const res = await createTenant({
      key: 'Not A Slug',
      plugin: 'kandidatenbank',
      name: 'x',
      admin: { email: 'nope' },
    });
    expect(res.status).toBe(400);
    const fields = [...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort();
    expect(fields).toEqual(['admin.displayName', 'admin.email', 'admin.password', 'key']);
  });

  it('refuses a key or a domain that is taken (409)', async () => {
    const body = newTenant();
    expect((await createTenant(body)).status).toBe(201);
    expect((await createTenant({ ...newTenant(), key: body.key })).status).toBe(409);
    const sameDomain = newTenant({ domains: body.domains });
    expect((await createTenant(sameDomain)).status).toBe(409);
    expect(await listKeys()).not.toContain(sameDomain.key);
  });

  it("cannot read any tenant's accounts: refused in the tenant, refused by role in the platform tenant", async () => {
    const tenant = await t.createTenant('kandidatenbank');
    await t.createAccount(tenant, ['jobseeker']);
    expect(
      (await t.http('get', '/accounts', { tenant: tenant.key, token: operator.token })).status,
    ).toBe(401);
    expect(
      (await t.http('get', '/audit', { tenant: tenant.key, token: operator.token })).status,
    ).toBe(401);
    expect(
      (await t.http('get', '/accounts', { tenant: platform.key, token: operator.token })).status,
    ).toBe(403);
  });

  it("runs in the platform tenant's context, where row-level security hides every other tenant's rows", async () => {
    const tenant = await t.createTenant('kandidatenbank');
    const victim = await t.createAccount(tenant, ['jobseeker']);
    const rows = await t
      .get(TenantDb)
      .forTenant(platform, (tx) =>
        tx.query(`SELECT id FROM accounts WHERE tenant_id = $1 OR tenant_id = $2 OR id = $3`, [
          tx.tenantId,
          tenant.id,
          victim.id,
        ]),
      );
    expect(rows.map((r) => (r as { id: string }).id)).not.toContain(victim.id);
  });

  it('an operator account outside the platform tenant cannot manage tenants', async () => {
    const tenant = await t.createTenant('kandidatenbank');
    const stray = await t.signedIn(tenant, ['platform-operator']);
    const res = await t.http('post', '/platform/tenants', {
      tenant: tenant.key,
      token: stray.token,
      body: newTenant(),
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('Tenants are managed from the platform tenant');
  });
});
