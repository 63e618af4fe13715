import { FixedClock } from '../../../config/src/clock.js';
import { ConflictException } from '@nestjs/common';
import { RequestContext, type TenantRef } from '../../../context/src/index.js';
import { ProfileStatesService } from '../profile-states.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { addressOf, auditActions, registerJobseeker, signInAgain, sql, type Jobseeker } from './support/profile-kit.js';

/**
 * Statement 001, "Uw privacy: inzage en/of wijzigen gegevens": the person decides how visible the
 * profile is, may anonymise it, is listed for a year after activation, and may inactivate it at
 * any moment.
 */
describe('profile states', () => {
  const START = '2026-01-31T12:00:00Z';
  const clock = new FixedClock(START);
  let t: TestApp;
  let tenant: TenantRef;
  let recruiter: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true })).id] });
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(START));

  const post = (js: Jobseeker, action: string) => t.http('post', `/profiles/me/${action}`, { tenant: tenant.key, token: js.token });
  const recruiterSees = async (js: Jobseeker) =>
    (await t.http('get', `/profiles/${await addressOf(t, tenant, js.id)}`, { tenant: tenant.key, token: (await signInAgain(t, recruiter)).token })).status;
  const activity = async (js: Jobseeker) =>
    (await sql<{ at: Date }>(t, tenant, `SELECT last_interaction_at AS at FROM person_activity WHERE tenant_id = $1 AND person_id = $2`, [js.id]))[0]?.at;

  it('activation lists the profile for a year: activated_at is now and listed_until one year later', async () => {
    const js = await registerJobseeker(t, tenant);
    expect(await recruiterSees(js)).toBe(404);
    const res = await post(js, 'activate');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'active', activatedAt: '2026-01-31T12:00:00.000Z', listedUntil: '2027-01-31T12:00:00.000Z' });
    expect(await recruiterSees(js)).toBe(200);
  });

  it('"U kunt uw profiel ook zelf op elk moment inactiveren": inactivation hides it at once; re-activation starts a new year', async () => {
    const js = await registerJobseeker(t, tenant);
    await post(js, 'activate');
    clock.advanceDays(40);
    const off = await post(await signInAgain(t, js), 'inactivate');
    expect(off.status).toBe(200);
    expect(off.body.state).toBe('inactive');
    expect(await recruiterSees(js)).toBe(404);
    clock.advanceDays(10);
    const on = await post(await signInAgain(t, js), 'activate');
    expect(on.body).toMatchObject({ state: 'active', activatedAt: clock.now().toISOString() });
    expect(new Date(on.body.listedUntil).getUTCFullYear()).toBe(clock.now().getUTCFullYear() + 1);
    expect(await recruiterSees(js)).toBe(200);
  });

  it('anonymising an active profile keeps it listed for the same period, without identity', async () => {
    const js = await registerJobseeker(t, tenant);
    const active = (await post(js, 'activate')).body;
    clock.advanceDays(5);
    const anonymous = await post(await signInAgain(t, js), 'anonymise');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({ state: 'anonymous', activatedAt: active.activatedAt, listedUntil: active.listedUntil });
    const seen = await t.http('get', `/profiles/${await addressOf(t, tenant, js.id)}`, { tenant: tenant.key, token: (await signInAgain(t, recruiter)).token });
    // Under a new alias, so a recruiter cannot match it with the named listing seen before.
    expect(seen.body).toMatchObject({ identityHidden: true, name: seen.body.alias, fields: {} });
    expect(seen.body.alias).toMatch(/^Kandidaat /);
    expect(seen.body.alias).not.toBe(active.alias);
    // Back to showing identity: the same listing period continues.
    expect((await post(js, 'activate')).body).toMatchObject({ state: 'active', activatedAt: active.activatedAt });
  });

  it('an anonymous listing also needs a verified address', async () => {
    const js = await registerJobseeker(t, tenant, undefined, { verify: false });
    // Before verification nobody can sign in as the person; the rule holds underneath that too.
    expect((await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: js.email, password: js.password } })).status).toBe(401);
    const asPerson = { kind: 'account' as const, accountId: js.id, roles: ['jobseeker'], orgUnitIds: [] };
    await expect(RequestContext.run({ tenant, actor: asPerson }, () => t.get(ProfileStatesService).anonymise(asPerson))).rejects.toThrow(
      ConflictException,
    );
  });

  it('the person chooses whether employers see the profile at all', async () => {
    const js = await registerJobseeker(t, tenant);
    await post(js, 'activate');
    const hide = await t.http('patch', '/profiles/me/visibility', { tenant: tenant.key, token: js.token, body: { visibleToEmployers: false } });
    expect(hide.status).toBe(200);
    expect(hide.body.visibleToEmployers).toBe(false);
    expect(await recruiterSees(js)).toBe(404);
    await t.http('patch', '/profiles/me/visibility', { tenant: tenant.key, token: js.token, body: { visibleToEmployers: true } });
    expect(await recruiterSees(js)).toBe(200);
    const bad = await t.http('patch', '/profiles/me/visibility', { tenant: tenant.key, token: js.token, body: { visibleToEmployers: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('visibleToEmployers');
  });

  it('every state change is audited with the states only, and counts as an interaction', async () => {
    const js = await registerJobseeker(t, tenant);
    clock.advanceDays(3);
    await post(await signInAgain(t, js), 'activate');
    expect(await activity(js)).toEqual(clock.now());
    clock.advanceDays(1);
    await post(await signInAgain(t, js), 'anonymise');
    await post(js, 'inactivate');
    await t.http('patch', '/profiles/me/visibility', { tenant: tenant.key, token: js.token, body: { visibleToEmployers: false } });
    expect(await activity(js)).toEqual(clock.now());
    const entries = (await auditActions(t, tenant, js.id)).filter((e) => e.action.startsWith('profile.') && e.action !== 'profile.register');
    expect(entries.map((e) => [e.action, e.details.from, e.details.to, e.actor_id])).toEqual([
      ['profile.activate', 'draft', 'active', js.id],
      ['profile.anonymise', 'active', 'anonymous', js.id],
      ['profile.inactivate', 'anonymous', 'inactive', js.id],
      ['profile.visibility', 'inactive', 'inactive', js.id],
    ]);
  });

  it('only jobseekers have a profile to change: other roles are refused', async () => {
    const staff = await t.signedIn(tenant, ['staff']);
    expect((await t.http('post', '/profiles/me/activate', { tenant: tenant.key, token: staff.token })).status).toBe(403);
    expect((await t.http('post', '/profiles/me/activate', { tenant: tenant.key })).status).toBe(401);
  });
});
