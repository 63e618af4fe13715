import type { TenantRef } from '../../../context/src/index.js';
import { AccountsService } from '../../../auth/src/index.js';
import { TEST_PASSWORD, type TestApp } from '../../../../test/support/test-app.js';
import { PortalClient } from './support/portal-client.js';
import { bootPortal, registeredJobseeker } from './support/portal-fixtures.js';

/**
 * A tenant's own page (RefugeeWork's "my data", declared in its folder): the platform's layout,
 * its access rule, CSRF and languages around the tenant's view, data and actions.
 */
describe("a tenant's own page, by declaration", () => {
  let t: TestApp;
  let outbox: string;
  let tenant: TenantRef;

  beforeAll(async () => {
    ({ t, outbox } = await bootPortal());
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  it('is in the menu of those its rule lets in, and nowhere for others', async () => {
    const anonymous = new PortalClient(t, tenant.key);
    expect((await anonymous.get('/')).text).not.toContain('/x/my-data');
    const res = await anonymous.get('/x/my-data');
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('/sign-in?next=');
    const employer = await t.createAccount(tenant, ['employer']);
    const web = new PortalClient(t, tenant.key);
    await web.signIn(employer.email, TEST_PASSWORD);
    expect((await web.get('/x/my-data')).status).toBe(403);
    expect((await web.get('/x/no-such-page')).status).toBe(404);
  });

  it("shows the person's data in the tenant's view, and its delete action erases the account", async () => {
    const web = new PortalClient(t, tenant.key);
    const me = await registeredJobseeker(t, web, tenant, outbox, { name: 'Amal Haddad', email: 'amal.contact@example.test', province: 'groningen' });
    const page = await web.get('/x/my-data');
    expect(page.status).toBe(200);
    expect(page.text).toContain('>My data</h1>');
    expect(page.text).toContain('amal.contact@example.test');
    expect(page.text).toMatch(/<nav[\s\S]*href="\/t\/[^"]+\/x\/my-data" aria-current="page">My data</);
    expect((await web.post('/x/my-data', { _action: 'no-such-action' }, { from: '/x/my-data' })).status).toBe(404);
    const deleted = await web.post('/x/my-data', { _action: 'delete' }, { from: '/x/my-data' });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe(`/t/${tenant.key}/?notice=account-deleted`);
    const home = await web.follow(deleted);
    expect(home.text).toContain('Your account and all your data have been deleted.');
    expect(await t.inTenant(tenant, () => t.get(AccountsService).findByEmail(me.email))).toBeNull();
  });
});
