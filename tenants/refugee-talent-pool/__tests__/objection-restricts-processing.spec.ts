import { FixedClock, MailService, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { sweepRestrictionLifts } from '../../../test/support/workers.js';
import { employer, lastMail, publicHandle, registeredJobseeker, type Jobseeker } from './refugeework.fixture.js';

/**
 * Issue 14 for statement 000's "right to object": from receipt, an objection stops processing based
 * on legitimate interest for the person (not listed to employers, no newsletter) until staff decide;
 * "processing continues" lifts only the objection's own hold, announced to the person and in effect
 * after five Dutch working days (art. 18(3)).
 */
describe("statement 000: an objection restricts the person's processing until staff decide", () => {
  // Tuesday 2 March 2027: five working days on is Tuesday 9 March.
  const RECEIVED = '2027-03-02T09:00:00Z';
  const clock = new FixedClock(RECEIVED);
  let t: TestApp;
  let tenant: TenantRef;
  let staff: { token: string };
  let boss: { token: string };

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('refugee-talent-pool');
    staff = await t.signedIn(tenant, ['staff']);
    boss = await employer(t, tenant);
  });
  afterAll(() => t?.close());
  beforeEach(() => clock.set(RECEIVED));

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const object = async (person: Jobseeker) => {
    const res = await t.http('post', '/refugeework/objections', as(person.token, { reason: 'Stop matching me with employers.' }));
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string };
  };
  const resolve = (id: string, body: unknown) => t.http('post', `/refugeework/objections/${id}/resolve`, as(staff.token, body));
  const found = async (person: Jobseeker) => {
    const res = await t.http('get', '/search/profiles?q=carpentry&limit=50', as(boss.token));
    expect(res.status).toBe(200);
    return JSON.stringify(res.body).includes(await publicHandle(t, person));
  };
  const newsletterSuppressed = async (person: Jobseeker) =>
    (
      await t.inTenant(tenant, () =>
        t.get(TenantDb).transaction((tx) =>
          t.get(MailService).enqueue(tx, {
            template: 'newsletter',
            to: { address: person.email, personId: person.id },
            variables: { name: 'Amal', title: 'New jobs in care', intro: 'Twelve employers joined.', readMoreUrl: 'https://refugeework.example/news' },
          }),
        ),
      )
    ).suppressed;
  const sweepAt = async (at: string) => {
    clock.set(at);
    try {
      return (await sweepRestrictionLifts(t, tenant)).lifted;
    } finally {
      clock.set(RECEIVED);
    }
  };

  it('from receipt the person is not found by employers, cannot be asked to connect and gets no newsletter; "processing continues" needs a reason and lifts after the notice', async () => {
    const person = await registeredJobseeker(t, tenant);
    expect(await found(person)).toBe(true);
    expect(await newsletterSuppressed(person)).toBe(false);

    const objection = await object(person);
    expect(await found(person)).toBe(false);
    const ask = await t.http('post', '/connections', as(boss.token, { profileHandle: await publicHandle(t, person) }));
    expect(ask.status).toBe(404);
    expect(await newsletterSuppressed(person)).toBe(true);

    const bare = await resolve(objection.id, { outcome: 'processing-continues' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);

    const resolved = await resolve(objection.id, { outcome: 'processing-continues', reason: 'Matching is what you registered for.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'processing-continues', restricted: true, liftsOn: '2027-03-09' });
    expect(await lastMail(t, tenant, person.id, 'rights-lift-announced')).toMatchObject({
      recipient_address: person.email,
      variables: expect.objectContaining({ reference: objection.reference, liftsOn: '2027-03-09', reason: 'Matching is what you registered for.' }),
    });
    expect(await found(person)).toBe(false);

    expect(await sweepAt('2027-03-08T12:00:00Z')).toBe(0);
    expect(await found(person)).toBe(false);
    expect(await sweepAt('2027-03-09T07:00:00Z')).toBe(1);
    expect(await found(person)).toBe(true);
    expect(await newsletterSuppressed(person)).toBe(false);
  });

  it('an upheld objection ("processing stopped") keeps holding; one that continues lifts only its own hold, not a restriction request to the core', async () => {
    const kept = await registeredJobseeker(t, tenant);
    const upheld = await object(kept);
    expect((await resolve(upheld.id, { outcome: 'processing-stopped' })).body).toMatchObject({ outcome: 'processing-stopped' });
    expect(await sweepAt('2027-06-01T09:00:00Z')).toBe(0);
    expect(await found(kept)).toBe(false);

    const both = await registeredJobseeker(t, tenant);
    const request = await t.http('post', '/rights/requests/me', as(both.token, { kind: 'restriction' }));
    expect(request.status).toBe(201);
    const objection = await object(both);
    expect((await resolve(objection.id, { outcome: 'processing-continues', reason: 'Matching is what you registered for.' })).status).toBe(200);
    expect(await sweepAt('2027-03-09T07:00:00Z')).toBe(1);
    expect(await found(both)).toBe(false);
    const view = await t.http('get', `/rights/people/${both.id}/processing`, as(staff.token));
    expect(view.body).toMatchObject({
      restricted: true,
      requests: [request.body.id],
      holders: [expect.objectContaining({ holder: `rights-request:${request.body.id}` })],
    });
  });

  it('staff lift what a stopped objection holds only with a reason told to the person, after the notice, and can withdraw that before its day', async () => {
    const person = await registeredJobseeker(t, tenant);
    const objection = await object(person);
    const lift = (id: string, body?: unknown) => t.http('post', `/refugeework/objections/${id}/lift`, as(staff.token, body));
    const withdraw = (id: string) => t.http('delete', `/refugeework/objections/${id}/lift`, as(staff.token));

    // An open objection is decided first; one that continued holds nothing any more.
    expect((await lift(objection.id, { reason: 'You asked to be listed again.' })).status).toBe(409);
    expect((await resolve(objection.id, { outcome: 'processing-stopped' })).status).toBe(200);
    expect(await found(person)).toBe(false);

    const bare = await lift(objection.id, {});
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('reason');
    expect((await lift('00000000-0000-4000-8000-000000000000', { reason: 'You asked to be listed again.' })).status).toBe(404);
    expect((await t.http('post', `/refugeework/objections/${objection.id}/lift`, as(person.token, { reason: 'Let me in again.' }))).status).toBe(403);
    expect((await t.http('post', `/refugeework/objections/${objection.id}/lift`, as(boss.token, { reason: 'Let me see them.' }))).status).toBe(403);

    const first = await lift(objection.id, { reason: 'You asked to be listed again.' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: objection.id, restricted: true, liftsOn: '2027-03-09' });
    expect(await lastMail(t, tenant, person.id, 'rights-lift-announced')).toMatchObject({
      variables: expect.objectContaining({ reference: objection.reference, liftsOn: '2027-03-09', reason: 'You asked to be listed again.' }),
    });
    expect((await withdraw(objection.id)).body).toMatchObject({ restricted: true, liftsOn: null });
    expect(await lastMail(t, tenant, person.id, 'rights-lift-cancelled')).toBeTruthy();
    expect(await sweepAt('2027-03-09T07:00:00Z')).toBe(0);
    expect(await found(person)).toBe(false);

    expect((await lift(objection.id, { reason: 'You asked to be listed again.' })).status).toBe(200);
    expect(await sweepAt('2027-03-08T12:00:00Z')).toBe(0);
    expect(await sweepAt('2027-03-09T07:00:00Z')).toBe(1);
    expect(await found(person)).toBe(true);
    expect(await newsletterSuppressed(person)).toBe(false);
    // Staff's free text is mailed and kept with the holder, never written into the audit log.
    const audit = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE tenant_id = $1 AND subject_id = $2`, [tx.tenantId, person.id]),
    );
    expect(JSON.stringify(audit)).not.toContain('listed again');
  });

  it("a business contact's objection stops the newsletter to them too", async () => {
    const contact = await employer(t, tenant);
    const res = await t.http('post', '/refugeework/objections', as(contact.token, { reason: 'No more newsletters.' }));
    expect(res.status).toBe(201);
    const suppressed = await t.inTenant(tenant, () =>
      t.get(TenantDb).transaction((tx) =>
        t.get(MailService).enqueue(tx, {
          template: 'newsletter',
          to: { address: contact.email, personId: contact.id },
          variables: { name: 'Henk', title: 'New talent', intro: 'Twelve people joined.', readMoreUrl: 'https://refugeework.example/news' },
        }),
      ),
    );
    expect(suppressed.suppressed).toBe(true);
  });
});
