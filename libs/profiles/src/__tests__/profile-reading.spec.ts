import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { showcaseTenant } from './support/showcase.tenant.js';
import { activeJobseeker, addressOf, auditActions, registerJobseeker, setConsent, sql, type Jobseeker } from './support/profile-kit.js';

type SignedIn = Awaited<ReturnType<TestApp['signedIn']>>;

/**
 * Who may open a profile at all. Everyone who may not gets the same 404 as for an id that does
 * not exist (never 403), and every read of someone else's profile leaves an audit entry.
 */
describe('reading profiles', () => {
  const clock = new FixedClock('2026-01-10T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let recruiter: SignedIn;
  let staff: SignedIn;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [...registeredTenants, showcaseTenant] });
    tenant = await t.createTenant('kandidatenbank');
    const bankOrg = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [bankOrg.id] });
    staff = await t.signedIn(tenant, ['staff']);
  });
  afterAll(() => t.close());

  const read = async (id: string, token?: string, on = tenant) => t.http('get', `/profiles/${await addressOf(t, on, id)}`, { tenant: on.key, token });
  const NOT_FOUND = { status: 404, title: 'Not Found', detail: 'No profile with this id' };

  it('GET /profiles/me gives the person everything: fields, state, alias, e-mail standing and a consent summary', async () => {
    const js = await registerJobseeker(t, tenant);
    await setConsent(t, tenant, js.id, 'photo', true);
    const res = await t.http('get', '/profiles/me', { tenant: tenant.key, token: js.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: js.id,
      state: 'draft',
      alias: expect.stringMatching(/^Kandidaat /),
      name: 'Sam de Vries',
      email: js.email,
      emailVerified: true,
      visibleToEmployers: true,
      fields: { firstName: 'Sam', lastName: 'de Vries' },
      consents: [
        { purpose: 'photo', granted: true, changedAt: expect.any(String) },
        { purpose: 'video', granted: false, changedAt: null },
        { purpose: 'healthData', granted: false, changedAt: null },
        { purpose: 'newsletter', granted: false, changedAt: null },
      ],
    });
  });

  it('a recruiter with bank access opens a listed profile, and the read is audited with ids only', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Eva', lastName: 'Bos' });
    expect((await read(js.id, recruiter.token)).status).toBe(200);
    const entries = (await auditActions(t, tenant, js.id)).filter((e) => e.action === 'profile.read');
    expect(entries).toEqual([{ action: 'profile.read', actor_id: recruiter.id, details: { audience: 'employer' } }]);
    expect(JSON.stringify(entries)).not.toMatch(/Eva|Bos/);
  });

  it('the person reading their own profile is not an audited read of someone else', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Eva', lastName: 'Bos' });
    expect((await read(js.id, js.token)).status).toBe(200);
    expect((await auditActions(t, tenant, js.id)).filter((e) => e.action === 'profile.read')).toEqual([]);
  });

  it('a draft profile is not in the bank: recruiters get 404, staff can open it', async () => {
    const js = await registerJobseeker(t, tenant);
    expect(await read(js.id, recruiter.token).then((r) => ({ status: r.status, body: r.body }))).toMatchObject({ status: 404, body: NOT_FOUND });
    expect((await read(js.id, staff.token)).status).toBe(200);
  });

  it('an id or handle that does not exist gives the same 404; a malformed one a 400 naming the parameter', async () => {
    expect((await read('6f1c2d3e-4a5b-4c6d-8e7f-000000000000', recruiter.token)).body).toMatchObject(NOT_FOUND);
    expect((await read('6f1c2d3e-4a5b-4c6d-8e7f-000000000000', staff.token)).body).toMatchObject(NOT_FOUND);
    expect((await read('AAAAAAAAAAAAAAAAAAAAAA', recruiter.token)).body).toMatchObject(NOT_FOUND);
    const bad = await read('not-a-uuid', recruiter.token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', reason: "must be a profile's public handle (or, for its staff, its id)" }]);
  });

  it('"na activering een jaar zichtbaar": after the listing period the profile is gone for recruiters, not for staff', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Jan', lastName: 'Wit' });
    clock.advanceDays(364);
    expect((await read(js.id, await t.login(recruiter))).status).toBe(200);
    clock.advanceDays(2);
    expect((await read(js.id, await t.login(recruiter))).status).toBe(404);
    expect((await read(js.id, await t.login(staff))).status).toBe(200);
    clock.set('2026-01-10T08:00:00Z');
  });

  it('a profile hidden from employers by the person is gone for recruiters', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Jan', lastName: 'Wit' });
    await t.http('patch', '/profiles/me/visibility', { tenant: tenant.key, token: js.token, body: { visibleToEmployers: false } });
    expect((await read(js.id, recruiter.token)).status).toBe(404);
  });

  it('"Bij kandidaatprofiel: alle recruiters van de organisatie(s) die toegang hebben tot de kandidatenbank" — others get 404', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Jan', lastName: 'Wit' });
    const noAccess = await t.signedIn(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer')).id] });
    const noOrg = await t.signedIn(tenant, ['employer']);
    const otherJobseeker = await registerJobseeker(t, tenant);
    for (const token of [noAccess.token, noOrg.token, otherJobseeker.token, undefined])
      expect((await read(js.id, token)).body).toMatchObject(NOT_FOUND);
  });

  it('a profile of another tenant is never reachable, even by that tenant\'s staff', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Jan', lastName: 'Wit' });
    const other = await t.createTenant('kandidatenbank');
    const otherStaff = await t.signedIn(other, ['staff']);
    expect((await read(js.id, otherStaff.token, other)).status).toBe(404);
    // A token of one tenant is worthless at another: it reads as nobody.
    expect((await read(js.id, otherStaff.token, tenant)).status).toBe(404);
  });

  it('staff scoped to their own organisation units reach profiles in their subtree only (statement 004 style)', async () => {
    const scoped = await t.createTenant('profile-showcase');
    const region = await t.createOrgUnit(scoped, 'region');
    const city = await t.createOrgUnit(scoped, 'municipality', { parentId: region.id });
    const otherRegion = await t.createOrgUnit(scoped, 'region');
    const inCity: Jobseeker = await registerJobseeker(t, scoped, { givenName: 'A' }, { orgUnitId: city.id });
    const unplaced: Jobseeker = await registerJobseeker(t, scoped, { givenName: 'B' });
    const regionStaff = await t.signedIn(scoped, ['staff'], { orgUnitIds: [region.id] });
    const otherStaff = await t.signedIn(scoped, ['staff'], { orgUnitIds: [otherRegion.id] });
    const admin = await t.signedIn(scoped, ['tenant-admin']);
    expect((await read(inCity.id, regionStaff.token, scoped)).status).toBe(200);
    expect((await read(inCity.id, otherStaff.token, scoped)).status).toBe(404);
    expect((await read(unplaced.id, regionStaff.token, scoped)).status).toBe(404);
    expect((await read(unplaced.id, admin.token, scoped)).status).toBe(200);
    const write = await t.http('patch', `/profiles/${inCity.id}`, { tenant: scoped.key, token: otherStaff.token, body: { fields: { caseNotes: 'x' } } });
    expect(write.status).toBe(404);
    const [row] = await sql<{ fields: Record<string, unknown> }>(t, scoped, `SELECT fields FROM profiles WHERE tenant_id = $1 AND id = $2`, [inCity.id]);
    expect(row.fields).toEqual({ givenName: 'A' });
  });
});
