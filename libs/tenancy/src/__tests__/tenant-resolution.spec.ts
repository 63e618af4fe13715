import pg from 'pg';
import type { TenantRef } from '../../../context/src/index.js';
import { TENANT_CACHE, TenantsService } from '../tenants.service.js';
import { TestApp } from '../../../../test/support/test-app.js';

/** Every request belongs to exactly one tenant, named by its host or by the X-Tenant header. */
describe('tenant resolution', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  const hostA = `a-${Date.now()}.recruit.example`;
  const hostB = `b-${Date.now()}.recruit.example`;

  beforeAll(async () => {
    t = await TestApp.boot();
    const tenants = t.get(TenantsService);
    a = await tenants.create({
      key: `host-a-${Date.now()}`,
      plugin: 'kandidatenbank',
      name: 'A',
      domains: [hostA],
    });
    b = await tenants.create({
      key: `host-b-${Date.now()}`,
      plugin: 'kandidatenbank',
      name: 'B',
      domains: [hostB.toUpperCase()],
    });
  });
  afterAll(() => t?.close());

  const problem = (
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
  ) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', status });
  };

  it('resolves the tenant from its own host name', async () => {
    const account = await t.createAccount(a, ['staff']);
    const res = await t.http('post', '/auth/login', {
      headers: { host: hostA },
      body: { email: account.email, password: account.password },
    });
    expect(res.status).toBe(200);
    const me = await t.http('get', '/auth/me', {
      headers: { host: `${hostA}:8443` },
      token: res.body.accessToken,
    });
    expect(me.body.tenant).toBe(a.key);
  });

  it('matches host names case-insensitively (they are stored lower-case)', async () => {
    const account = await t.createAccount(b, ['staff']);
    const res = await t.http('post', '/auth/login', {
      headers: { host: hostB },
      body: { email: account.email, password: account.password },
    });
    expect(res.status).toBe(200);
  });

  it('resolves the tenant from the X-Tenant header', async () => {
    const account = await t.createAccount(a, ['staff']);
    const res = await t.http('post', '/auth/login', {
      tenant: a.key,
      body: { email: account.email, password: account.password },
    });
    expect(res.status).toBe(200);
  });

  it('answers 404 for an unknown tenant', async () => {
    const res = await t.http('get', '/auth/me', { tenant: 'no-such-tenant' });
    problem(res, 404);
    expect(res.body.detail).toBe('Unknown tenant "no-such-tenant"');
  });

  it('answers 404 when neither host nor header names a tenant', async () => {
    const res = await t.http('get', '/auth/me', { headers: { host: 'unknown.example' } });
    problem(res, 404);
  });

  it('answers 404 when the X-Tenant header contradicts the host', async () => {
    const account = await t.createAccount(a, ['staff']);
    const res = await t.http('post', '/auth/login', {
      headers: { host: hostA },
      tenant: b.key,
      body: { email: account.email, password: account.password },
    });
    problem(res, 404);
    expect(res.body.detail).toBe('The X-Tenant header does not match this host');
  });

  it("refuses a token issued on one tenant's host at another tenant's host", async () => {
    const token = (await t.signedIn(a, ['tenant-admin'])).token;
    expect((await t.http('get', '/accounts', { headers: { host: hostA }, token })).status).toBe(
      200,
    );
    expect((await t.http('get', '/accounts', { headers: { host: hostB }, token })).status).toBe(
      401,
    );
  });

  it('does not serve a suspended tenant', async () => {
    const key = `suspended-${Date.now()}`;
    const suspended = await t
      .get(TenantsService)
      .create({ key, plugin: 'kandidatenbank', name: 'S' });
    // No route suspends a tenant yet: the catalog is changed directly.
    const owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
    await owner.query(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [suspended.id]);
    await owner.end();
    problem(await t.http('get', '/auth/me', { tenant: key }), 404);
  });

  it('remembers a bounded number of unknown host names: a flood of made-up names neither grows the cache past its limit nor pushes a real tenant out', async () => {
    const tenants = t.get(TenantsService);
    expect(await tenants.byHost(hostA)).toMatchObject({ id: a.id });
    const flood = TENANT_CACHE.unknown + 1_000;
    for (let i = 0; i < flood; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => tenants.byHost(`flood-${i + j}-${Date.now()}.attacker.example`)),
      );
    // Names that can be no host name at all are not looked up, and not remembered.
    for (const name of ['x'.repeat(8_000), 'a..b', '-a.example', 'a_b.example'])
      expect(await tenants.byHost(name)).toBeNull();
    const sizes = tenants.cacheSizes();
    expect(sizes.unknown).toBe(TENANT_CACHE.unknown);
    expect(sizes.known).toBeGreaterThanOrEqual(1);
    expect(sizes.known).toBeLessThanOrEqual(TENANT_CACHE.known);
    // The real tenant is still answered from memory: the flood churned only the unknown names.
    const owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
    const renamed = `renamed-${Date.now()}.recruit.example`;
    await owner.query(`UPDATE tenant_domains SET host = $2 WHERE host = $1`, [hostA, renamed]);
    try {
      expect(await tenants.byHost(hostA)).toMatchObject({ id: a.id });
    } finally {
      await owner.query(`UPDATE tenant_domains SET host = $1 WHERE host = $2`, [hostA, renamed]);
      await owner.end();
    }
  });

  it('an unknown host over HTTP is a 404 that is remembered within the bound', async () => {
    const tenants = t.get(TenantsService);
    for (let i = 0; i < 50; i++)
      problem(await t.http('get', '/auth/me', { headers: { host: `probe-${i}-${Date.now()}.attacker.example` } }), 404);
    expect(tenants.cacheSizes().unknown).toBeLessThanOrEqual(TENANT_CACHE.unknown);
    problem(await t.http('get', '/auth/me', { headers: { host: 'x'.repeat(4_000) } }), 404);
  });

  it('serves /health and the API description without a tenant', async () => {
    expect((await t.http('get', '/health')).status).toBe(200);
    expect((await t.http('get', '/docs-json')).status).toBe(200);
  });
});
