import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { AppConfig } from '../../../config/src/index.js';
import { TenantRegistry } from '../../../tenancy/src/index.js';
import { TokensService } from '../../../auth/src/index.js';
import { RequestContext, SYSTEM } from '../../../context/src/index.js';
import { TEST_PASSWORD, type TestAccount, type TestApp } from '../../../../test/support/test-app.js';
import { allows } from '../http/page.js';
import { portalRoutes } from '../pages/routes.js';
import { PortalCookies } from '../session/cookies.js';
import { csrfOf, PortalClient } from './support/portal-client.js';
import { bootPortal } from './support/portal-fixtures.js';

const cookiesOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);

describe('page sessions are API sessions, behind HttpOnly SameSite cookies and CSRF-checked forms', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let jobseeker: TestAccount;

  const sessionsOf = (accountId: string) =>
    RequestContext.run({ tenant, actor: SYSTEM }, () =>
      t.get(TenantDb).transaction((tx) =>
        tx.query<{ id: string; revoked: boolean }>(
          `SELECT id, revoked_at IS NOT NULL AS revoked FROM sessions WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at`,
          [tx.tenantId, accountId],
        ),
      ),
    );

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
    jobseeker = await t.createAccount(tenant, ['jobseeker']);
  });
  afterAll(() => t?.close());

  it('signing in sets one HttpOnly, SameSite=Lax cookie scoped to the tenant, holding a session of the sessions table', async () => {
    const web = new PortalClient(t, tenant.key);
    const res = await web.signIn(jobseeker.email, TEST_PASSWORD);
    const session = cookiesOf(res).find((c) => c.startsWith('portal_session='))!;
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toContain(`; Path=/t/${tenant.key}/`);
    // Development runs on plain http://localhost; production sets Secure (next test).
    expect(session).not.toMatch(/; Secure/i);
    const rows = await sessionsOf(jobseeker.id);
    expect(rows.filter((r) => !r.revoked)).toHaveLength(1);
  });

  it('in production every portal cookie is Secure and carries the __Secure- prefix', () => {
    const cookies = new PortalCookies(true, 'kandidatenbank');
    expect(cookies.name('session')).toBe('__Secure-portal_session');
    expect(cookies.options()).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax', path: '/t/kandidatenbank/' });
  });

  it('signing out revokes the session row, and the cookie is worth nothing afterwards', async () => {
    const account = await t.createAccount(tenant, ['jobseeker']);
    const web = new PortalClient(t, tenant.key);
    const signIn = await web.signIn(account.email, TEST_PASSWORD);
    const cookie = cookiesOf(signIn).find((c) => c.startsWith('portal_session='))!.split(';')[0];
    expect((await web.post('/sign-out', {}, { from: '/profile' })).status).toBe(303);
    expect((await sessionsOf(account.id)).every((r) => r.revoked)).toBe(true);
    const replayed = await new PortalClient(t, tenant.key).get('/profile', { cookie });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.location).toContain('/sign-in');
  });

  it('a session revoked elsewhere (logout through the API, a password change) ends the page session at the next request', async () => {
    const account = await t.createAccount(tenant, ['jobseeker']);
    const web = new PortalClient(t, tenant.key);
    await web.signIn(account.email, TEST_PASSWORD);
    expect((await web.get('/consents')).status).toBe(200);
    await t.inTenant(tenant, () => t.get(TokensService).revokeAll(account.id));
    const after = await web.get('/consents');
    expect(after.status).toBe(303);
    expect(after.headers.location).toContain('/sign-in');
    expect(cookiesOf(after).some((c) => /^portal_session=;/.test(c))).toBe(true);
  });

  it('every form refuses a post without a CSRF token, and one made for another session', async () => {
    const staff = await t.createAccount(tenant, ['tenant-admin', 'staff', 'jobseeker']);
    const web = new PortalClient(t, tenant.key);
    await web.signIn(staff.email, TEST_PASSWORD);
    const stranger = new PortalClient(t, tenant.key);
    await stranger.signIn(jobseeker.email, TEST_PASSWORD);
    const foreignToken = csrfOf((await stranger.get('/')).text);
    const actor = { kind: 'account' as const, accountId: staff.id, roles: staff.roles, orgUnitIds: [] };
    const def = t.get(TenantRegistry).get('kandidatenbank');
    const problems: string[] = [];
    for (const route of portalRoutes({ mailbox: true }).filter((r) => r.method === 'POST' && r.path !== '/sign-out')) {
      if (!allows(route.access, actor) || (route.offered && !route.offered(def, t.get(AppConfig)))) continue;
      const path = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      for (const [label, token] of [['no token', null], ["another session's token", foreignToken]] as const) {
        const res = await web.post(path, {}, { csrf: token });
        if (res.status !== 403 || !res.text.includes('formulier is verlopen')) problems.push(`${route.path} with ${label}: ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the pages never answer JSON and the JSON API never takes a form post or a page cookie', async () => {
    const web = new PortalClient(t, tenant.key);
    await web.signIn(jobseeker.email, TEST_PASSWORD);
    // The API route behind the profile page, called with the page's cookie and a form body.
    const res = await web.agent.patch('/profiles/me').set('x-tenant', tenant.key).type('form').send('fields.firstName=Eve');
    expect(res.status).toBe(401);
  });

  it('after a few wrong passwords an address waits out a growing delay, answered 429 with Retry-After as the API answers', async () => {
    const web = new PortalClient(t, tenant.key);
    const token = csrfOf((await web.get('/sign-in')).text);
    const attempts: { status: number; retryAfter?: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await web.post('/sign-in', { email: jobseeker.email, password: `guess ${i} of many` }, { csrf: token });
      attempts.push({ status: res.status, retryAfter: res.headers['retry-after'] });
    }
    expect(attempts.slice(0, 5).map((a) => a.status)).toEqual([422, 422, 422, 422, 422]);
    expect(attempts[5].status).toBe(429);
    expect(Number(attempts[5].retryAfter)).toBeGreaterThan(0);
    // The right password does not get through either until the delay has run out.
    const right = await web.post('/sign-in', { email: jobseeker.email, password: TEST_PASSWORD }, { csrf: token });
    expect(right.status).toBe(429);
  }, 60_000);
});
