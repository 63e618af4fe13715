import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantsService } from '../../../tenancy/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';

/**
 * The host name picks the tenant, so only a proxy the operator named may tell us another one
 * (X-Forwarded-Host); and the caller's X-Request-Id reaches logs and the audit log only when it is
 * a short, safe token.
 */
describe('where a request comes from', () => {
  const apps: TestApp[] = [];
  let a: TenantRef;
  let b: TenantRef;
  const hostA = `fwd-a-${randomBytes(4).toString('hex')}.recruit.example`;
  const hostB = `fwd-b-${randomBytes(4).toString('hex')}.recruit.example`;

  const boot = async (env: Record<string, string> = {}) => {
    const app = await TestApp.boot({ env });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    const t = await boot();
    const tenants = t.get(TenantsService);
    const tag = randomBytes(3).toString('hex');
    a = await tenants.create({ key: `fwd-a-${tag}`, plugin: 'kandidatenbank', name: 'A', domains: [hostA] });
    b = await tenants.create({ key: `fwd-b-${tag}`, plugin: 'kandidatenbank', name: 'B', domains: [hostB] });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  /** 401: the tenant was found (and the route wants a token); 404: no tenant. */
  const tenantOf = async (t: TestApp, headers: Record<string, string>) => {
    const res = await t.http('get', '/auth/me', { headers });
    return res.status === 404 ? null : res.status;
  };

  it('ignores X-Forwarded-Host by default: a client cannot pick a tenant with it', async () => {
    const t = apps[0];
    expect(await tenantOf(t, { 'x-forwarded-host': hostA })).toBeNull();
    // The header the client sent wins over no forwarded host: B stays B.
    expect(await tenantOf(t, { 'x-forwarded-host': hostA, 'x-tenant': b.key })).toBe(401);
    expect(await tenantOf(t, { host: hostA })).toBe(401);
  });

  it('takes the forwarded host from a proxy named in TRUST_PROXY, and only the value that proxy set', async () => {
    const t = await boot({ TRUST_PROXY: '127.0.0.1, ::1' });
    expect(await tenantOf(t, { 'x-forwarded-host': hostA })).toBe(401);
    // A client-supplied value comes first; the trusted proxy appends the host it was called on.
    const login = await t.http('get', '/auth/me', { headers: { 'x-forwarded-host': `${hostB}, ${hostA}`, 'x-tenant': a.key } });
    expect(login.status).toBe(401);
    const wrong = await t.http('get', '/auth/me', { headers: { 'x-forwarded-host': `${hostA}, ${hostB}`, 'x-tenant': a.key } });
    expect(wrong.status).toBe(404);
    expect(wrong.body.detail).toBe('The X-Tenant header does not match this host');
  });

  it('ignores X-Forwarded-Host from an address that is not a trusted proxy', async () => {
    const t = await boot({ TRUST_PROXY: '10.20.30.0/24' });
    expect(await tenantOf(t, { 'x-forwarded-host': hostA })).toBeNull();
  });

  it('trusts a hop count as configured', async () => {
    const t = await boot({ TRUST_PROXY: '1' });
    expect(await tenantOf(t, { 'x-forwarded-host': hostA })).toBe(401);
  });

  it.each([
    ['an 8,000-character id', 'x'.repeat(8_000)],
    ['a 65-character id', 'a'.repeat(65)],
    ['an id with spaces and quotes', 'abc "def" ghi'],
    ['an id with a tab', 'abc\tdef'],
    ['an id with markup', '<script>alert(1)</script>'],
  ])('replaces %s with a new one, in the answer and in the audit log', async (_what, given) => {
    const t = apps[0];
    const admin = await t.signedIn(a, ['tenant-admin']);
    const res = await t.http('post', '/accounts', {
      tenant: a.key,
      token: admin.token,
      headers: { 'x-request-id': given },
      body: { email: `rid-${randomBytes(4).toString('hex')}@example.test`, displayName: 'Request id', password: 'a-long-enough-passphrase', roles: ['staff'] },
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await auditedRequestId(t, res.body.id)).toBe(res.headers['x-request-id']);
  });

  it("keeps a caller's short safe id, in the answer and in the audit log", async () => {
    const t = apps[0];
    const admin = await t.signedIn(a, ['tenant-admin']);
    const given = `trace:${'A1._-'.repeat(11)}`.slice(0, 64);
    const res = await t.http('post', '/accounts', {
      tenant: a.key,
      token: admin.token,
      headers: { 'x-request-id': given },
      body: { email: `rid-${randomBytes(4).toString('hex')}@example.test`, displayName: 'Request id', password: 'a-long-enough-passphrase', roles: ['staff'] },
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-request-id']).toBe(given);
    expect(await auditedRequestId(t, res.body.id)).toBe(given);
  });

  async function auditedRequestId(t: TestApp, accountId: string): Promise<string> {
    const owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        // Accounts are named in the audit log by their pseudonym, found through the key table.
        `SELECT l.request_id FROM audit_log l
           JOIN audit_pseudonyms k ON k.tenant_id = l.tenant_id AND k.pseudonym = l.subject_id
          WHERE l.tenant_id = $1 AND l.action = 'account.create' AND k.person_id = $2`,
        [a.id, accountId],
      );
      expect(rows).toHaveLength(1);
      return rows[0].request_id;
    } finally {
      await owner.end();
    }
  }
});
