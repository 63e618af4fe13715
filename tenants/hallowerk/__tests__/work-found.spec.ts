import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker } from './hallowerk.fixture.js';

/**
 * Statement 004, step 4: "Wanneer je niet meer wilt worden benaderd door werkgevers omdat je werk
 * hebt gevonden zet je jouw profiel op onzichtbaar", and "Het systeem van HalloWerk neemt geen
 * automatische besluiten". Reporting work found offers the switch; only the person flips it.
 */
describe('statement 004: the offer to hide the profile when work is found', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  const report = (token: string) => t.http('post', '/hallowerk/me/work-found', { tenant: tenant.key, token });
  const mailsTo = (personId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ template: string; variables: { hideUrl: string } }>(
        `SELECT template, variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'work-found'`,
        [tx.tenantId, personId],
      ),
    );

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
  });
  afterAll(() => t?.close());

  it('offers one action to switch visibility off, in the answer and by mail, and changes nothing by itself', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const res = await report(person.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      visibleToEmployers: true,
      offer: { switchVisibilityOff: { method: 'PATCH', path: '/profiles/me/visibility', body: { visibleToEmployers: false } } },
    });
    const mails = await mailsTo(person.id);
    expect(mails).toHaveLength(1);
    // The portal's profile page (its visibility switch), on the platform's public address.
    expect(mails[0].variables.hideUrl).toMatch(new RegExp(`^https?://[^/]+/t/${tenant.key}/profile$`));

    // No automated decision: employers still find the person until they choose.
    expect((await t.http('get', '/profiles/me', { tenant: tenant.key, token: person.token })).body.visibleToEmployers).toBe(true);
    expect((await t.http('get', `/profiles/${person.handle}`, { tenant: tenant.key, token: world.employer.token })).status).toBe(200);

    // The offered action, taken by the person, is the one switch.
    const { method, path, body } = res.body.offer.switchVisibilityOff;
    expect((await t.http(method.toLowerCase(), path, { tenant: tenant.key, token: person.token, body })).status).toBe(200);
    expect((await t.http('get', `/profiles/${person.handle}`, { tenant: tenant.key, token: world.employer.token })).status).toBe(404);
  });

  it('a hidden profile gets no offer and no mail; only the jobseeker reports work found', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const res = await report(person.token);
    expect(res.body).toEqual({ visibleToEmployers: false, offer: null });
    expect(await mailsTo(person.id)).toHaveLength(0);
    expect((await report(world.ownCoach.token)).status).toBe(403);
    expect((await report(world.employer.token)).status).toBe(403);
  });
});
