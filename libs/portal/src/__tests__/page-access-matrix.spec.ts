import { randomUUID } from 'node:crypto';
import type { Actor, TenantRef } from '../../../context/src/index.js';
import type { Role } from '../../../plugin-api/src/index.js';
import { TenantRegistry } from '../../../tenancy/src/index.js';
import { AppConfig } from '../../../config/src/index.js';
import { TEST_PASSWORD, type TestApp } from '../../../../test/support/test-app.js';
import { allows, type PageRoute } from '../http/page.js';
import { portalRoutes } from '../pages/routes.js';
import { csrfOf, PortalClient } from './support/portal-client.js';
import { bootPortal } from './support/portal-fixtures.js';

/**
 * The pages' authorization matrix, like the API's (test/security): every page route of the portal,
 * tried as every kind of visitor, with the page session of the tenant called and with a valid page
 * session of another tenant. A route added to the portal is in this matrix without anything to add.
 */
const ROLES = ['anonymous', 'jobseeker', 'employer', 'staff', 'tenant-admin', 'partner'] as const;
type MatrixRole = (typeof ROLES)[number];

const PARAMS: Record<string, string> = { field: 'cv', purpose: 'photo', key: 'verify-email', action: 'withdraw', page: 'my-data' };

function concrete(route: PageRoute): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => PARAMS[name] ?? randomUUID());
}

type Outcome = 'sign-in' | 'forbidden' | 'not-found' | 'answered' | 'error';

function outcome(res: { status: number; headers: Record<string, string> }): Outcome {
  if (res.status >= 500) return 'error';
  if (res.status === 303 && String(res.headers.location).includes('/sign-in')) return 'sign-in';
  if (res.status === 403) return 'forbidden';
  if (res.status === 404) return 'not-found';
  return 'answered';
}

const actorOf = (role: MatrixRole): Actor =>
  role === 'anonymous'
    ? { kind: 'anonymous', accountId: null, roles: [], orgUnitIds: [] }
    : { kind: 'account', accountId: 'x', roles: [role], orgUnitIds: [] };

describe.each(['kandidatenbank', 'refugee-talent-pool'])('page access matrix on %s', (plugin) => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  const clients = new Map<string, PortalClient>();
  // Signing out ends the session the other rows use: that row goes last.
  const routes = [...portalRoutes({ mailbox: true })].sort((x, y) => Number(x.path === '/sign-out') - Number(y.path === '/sign-out'));

  /** Tenant B's session cookie per role, as its sign-in set it. */
  const foreignSessions = new Map<string, string>();

  async function signedIn(tenant: TenantRef, role: Role): Promise<PortalClient> {
    const unit =
      role === 'employer'
        ? (await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true })).id
        : role === 'partner'
          ? (await t.createOrgUnit(tenant, 'partner-organisation')).id
          : null;
    const account = await t.createAccount(tenant, [role], { orgUnitIds: unit ? [unit] : [] });
    const client = new PortalClient(t, tenant.key);
    const res = await client.signIn(account.email, TEST_PASSWORD);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('portal_session='));
    if (tenant === b && cookie) foreignSessions.set(role, cookie.split(';')[0].slice('portal_session='.length));
    return client;
  }

  beforeAll(async () => {
    ({ t } = await bootPortal());
    a = await t.createTenant(plugin);
    b = await t.createTenant(plugin);
    clients.set('anonymous', new PortalClient(t, a.key));
    for (const role of ROLES.filter((r) => r !== 'anonymous')) {
      clients.set(role, await signedIn(a, role));
      // The same role signed in at tenant B, whose cookie is then presented at tenant A's pages.
      await signedIn(b, role);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('every page answers every kind of visitor as its access rule says, and never fails', async () => {
    const def = t.get(TenantRegistry).get(plugin);
    const problems: string[] = [];
    const tokens = new Map<string, string>();
    for (const route of routes) {
      const path = concrete(route);
      for (const role of ROLES) {
        const actor = actorOf(role);
        // A tenant's own page carries its declaration's access rule; without the page (or, for its
        // upload or download, without a declared upload or download) it does not exist.
        const tenantPage = route.path === '/x/:page' || route.path === '/x/:page/upload' || route.path === '/x/:page/download';
        const declared = tenantPage ? def.portal?.pages?.find((p) => p.key === PARAMS.page) : undefined;
        const own =
          (route.path === '/x/:page/upload' && !declared?.upload) || (route.path === '/x/:page/download' && !declared?.download) ? undefined : declared;
        const access = tenantPage ? (own?.access ?? 'public') : route.access;
        const permitted = allows(access, actor) && (!route.permits || role === 'anonymous' || route.permits(def, actor));
        const offered = (!route.offered || route.offered(def, t.get(AppConfig))) && (!tenantPage || !!own);
        const client = clients.get(role)!;
        let res;
        if (route.method === 'GET') res = await client.get(path);
        else {
          // A token is good for every form of the session it was made for: fetched once per visitor.
          if (!tokens.has(role)) tokens.set(role, csrfOf((await client.get('/')).text));
          const token = tokens.get(role)!;
          const form: Record<string, string> = route.multipart ? {} : { _csrf: token };
          res = await client.agent
            .post(client.path(route.multipart ? `${path}?_csrf=${encodeURIComponent(token)}` : path))
            .type('form')
            .set('accept', 'text/html')
            .send(new URLSearchParams(form).toString());
        }
        const got = outcome(res);
        const expected: Outcome[] = !offered
          ? ['not-found']
          : !permitted
            ? [role === 'anonymous' ? 'sign-in' : 'forbidden']
            : ['answered', 'not-found'];
        if (!expected.includes(got)) problems.push(`${route.method} ${route.path} as ${role}: expected ${expected.join('|')}, got ${res.status} ${got}`);
        if (!String(res.headers['content-type'] ?? 'text/html').startsWith('text/html') && res.status !== 303)
          problems.push(`${route.method} ${route.path} as ${role}: answered ${res.headers['content-type']}, not a page`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it("another tenant's page session is worth nothing here: the visitor is anonymous", async () => {
    const problems: string[] = [];
    for (const role of ROLES.filter((r) => r !== 'anonymous')) {
      // Tenant B's session cookie is scoped to B's path; presented at A's pages as a forger would.
      const session = foreignSessions.get(role);
      if (!session) throw new Error(`no session cookie for ${role} at tenant B`);
      const res = await new PortalClient(t, a.key).get('/profile', { cookie: `portal_session=${session}` });
      if (outcome(res) !== 'sign-in') problems.push(`${role}: got ${res.status}`);
    }
    expect(problems).toEqual([]);
  });
});
