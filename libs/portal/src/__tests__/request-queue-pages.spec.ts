import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { activeJobseeker } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TEST_PASSWORD, TestApp } from '../../../../test/support/test-app.js';
import { decodeHtml, PortalClient } from './support/portal-client.js';

/**
 * Staff handle data-subject requests on the web as through the API (issue: request queues with
 * deadlines): open requests by due date with the days left, the overdue ones marked and listed on
 * their own, each step through the same use case (a refusal needs the reason the person is sent,
 * each problem next to its field, nothing changed), and one extension with a reason.
 */
describe('the request queue pages for staff', () => {
  const clock = new FixedClock('2027-04-21T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let staff: PortalClient;
  const status = async (id: string) =>
    (
      await t.get(TenantDb).forTenant(tenant, (tx) =>
        tx.query<{ status: string; extension_reason: string | null }>(`SELECT status, extension_reason FROM rights_requests WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]),
      )
    )[0];

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    const account = await t.createAccount(tenant, ['staff']);
    staff = new PortalClient(t, tenant.key);
    await staff.signIn(account.email, TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  async function submitted(kind: string) {
    const js = await activeJobseeker(t, tenant, { firstName: 'Noor', lastName: `Achterberg-${Math.random().toString(36).slice(2, 8)}` });
    const res = await t.http('post', '/rights/requests/me', { tenant: tenant.key, token: js.token, body: { kind, details: 'Mijn telefoonnummer klopt niet.' } });
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string; dueOn: string };
  }

  it('lists open requests with the days left, marks the overdue ones and lists them on their own', async () => {
    const r = await submitted('rectification');
    const list = decodeHtml((await staff.get('/requests')).text);
    expect(list).toContain(r.reference);
    expect(list).toMatch(/nog \d+ dagen/);
    expect(decodeHtml((await staff.get('/requests?overdue=true')).text)).not.toContain(r.reference);

    clock.advanceDays(40);
    await staff.signIn((await t.createAccount(tenant, ['staff'])).email, TEST_PASSWORD);
    const overdue = decodeHtml((await staff.get('/requests?overdue=true')).text);
    expect(overdue).toContain(r.reference);
    expect(overdue).toMatch(/<strong class="portal-overdue">\d+ dagen over de termijn<\/strong>/);
    clock.set('2027-04-21T08:00:00Z');
    await staff.signIn((await t.createAccount(tenant, ['staff'])).email, TEST_PASSWORD);
  });

  it('a refusal without a reason comes back with the problem next to the field, and changes nothing', async () => {
    const r = await submitted('rectification');
    const before = await status(r.id);
    const res = await staff.post(`/requests/${r.id}/status`, { status: 'refused', reason: '' }, { from: `/requests/${r.id}` });
    expect(res.status).toBe(422);
    const html = decodeHtml(res.text);
    expect(html).toMatch(/id="f-reason-error"><span[^>]*>Fout: <\/span>a refusal needs the reason sent to the person/);
    expect(html).toContain('href="#f-reason"');
    expect(await status(r.id)).toEqual(before);
  });

  it('takes the request to its next step, and extends it once with the reason the person is told', async () => {
    const r = await submitted('rectification');
    const moved = await staff.post(`/requests/${r.id}/status`, { status: 'in-progress' }, { from: `/requests/${r.id}` });
    expect(moved.status).toBe(303);
    expect((await status(r.id)).status).toBe('in-progress');
    // A step the request cannot take from here is refused by the use case.
    const back = await staff.post(`/requests/${r.id}/status`, { status: 'identity-verified' }, { from: `/requests/${r.id}` });
    expect(back.status).toBe(422);
    expect((await status(r.id)).status).toBe('in-progress');

    const empty = await staff.post(`/requests/${r.id}/extension`, { extensionReason: '' }, { from: `/requests/${r.id}` });
    expect(empty.status).toBe(422);
    expect(decodeHtml(empty.text)).toMatch(/id="f-extensionReason-error"/);
    const extended = await staff.post(`/requests/${r.id}/extension`, { extensionReason: 'Het dossier ligt bij de gemeente.' }, { from: `/requests/${r.id}` });
    expect(extended.status).toBe(303);
    const page = decodeHtml((await staff.follow(extended)).text);
    expect(page).toContain('Het dossier ligt bij de gemeente.');
    expect(page).not.toContain('name="extensionReason"');
    expect((await status(r.id)).extension_reason).toBe('Het dossier ligt bij de gemeente.');
  });

  it('is for staff: an employer or a jobseeker gets 403, and another tenant\'s request does not exist', async () => {
    const r = await submitted('rectification');
    const employer = await t.createAccount(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer')).id] });
    const web = new PortalClient(t, tenant.key);
    await web.signIn(employer.email, TEST_PASSWORD);
    expect((await web.get('/requests')).status).toBe(403);
    expect((await web.get(`/requests/${r.id}`)).status).toBe(403);
    const other = await t.createTenant('kandidatenbank');
    const otherStaff = await t.createAccount(other, ['staff']);
    const elsewhere = new PortalClient(t, other.key);
    await elsewhere.signIn(otherStaff.email, TEST_PASSWORD);
    expect((await elsewhere.get(`/requests/${r.id}`)).status).toBe(404);
    expect(decodeHtml((await elsewhere.get('/requests')).text)).not.toContain(r.reference);
  });
});
