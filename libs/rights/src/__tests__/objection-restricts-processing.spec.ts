import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import { MailService } from '../../../mail/src/mail.service.js';
import { SmtpCapture, decodedHeader } from '../../../mail/src/__tests__/support/smtp-capture.js';
import {
  activeJobseeker,
  auditActions,
  publicHandle,
  sql,
  type Jobseeker,
} from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { newsletterLab } from './support/rights-kit.js';
import { RestrictionLiftSweep } from '../restriction-lifts.sweep.js';

/**
 * Issue 14: "Objection and restriction: processing based on legitimate interest stops for that
 * person (no nudges, no marketing, not listed to employers) until staff decide." Proven through
 * the HTTP API with an employer of an organisation with access to the candidate bank, and the
 * mails delivered over real SMTP.
 */
describe('an objection or restriction stops processing based on legitimate interest', () => {
  const clock = new FixedClock('2027-03-02T09:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let staff: { token: string; id: string };
  let employer: { token: string };

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({
      clock,
      env: { SMTP_URL: smtp.url },
      tenants: [...registeredTenants, newsletterLab()],
    });
    tenant = await t.createTenant('rights-newsletter-lab');
    staff = await t.signedIn(tenant, ['staff']);
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    employer = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const welder = () =>
    activeJobseeker(
      t,
      tenant,
      { firstName: 'Noor', lastName: `Bezwaar-${Math.random().toString(36).slice(2, 8)}` },
      { headline: 'Lasser', city: 'Utrecht' },
    );

  /** What an employer sees of the person: a search hit, the profile, and the talent pool. */
  async function employerSees(js: Jobseeker) {
    const handle = await publicHandle(t, tenant, js.id);
    const search = await t.http('get', '/search/profiles?q=lasser&limit=50', as(employer.token));
    expect(search.status).toBe(200);
    const profile = await t.http('get', `/profiles/${handle}`, as(employer.token));
    return {
      inSearch: search.body.items.some((i: { handle: string }) => i.handle === handle),
      profile: profile.status,
    };
  }
  const listed = { inSearch: true, profile: 200 };
  const unlisted = { inSearch: false, profile: 404 };

  const object = (js: Jobseeker, kind: 'objection' | 'restriction' = 'objection') =>
    t
      .http('post', '/rights/requests/me', as(js.token, { kind, details: 'Stop using my profile' }))
      .then((r) => {
        expect(r.status).toBe(201);
        return r.body as { id: string; reference: string };
      });
  const move = (id: string, status: string, reason?: string) =>
    t.http(
      'post',
      `/rights/requests/${id}/status`,
      as(staff.token, { status, ...(reason ? { reason } : {}) }),
    );
  const processing = (js: Jobseeker) =>
    t.http('get', `/rights/people/${js.id}/processing`, as(staff.token));
  const lift = (js: Jobseeker, body: unknown) =>
    t.http('post', `/rights/people/${js.id}/processing`, as(staff.token, body));

  /** Queues a mail of the tenant's as its senders do, in the tenant's unit of work. */
  const queue = (js: Jobseeker, template: string, variables: Record<string, unknown>) =>
    t.inTenant(tenant, () =>
      t
        .get(TenantDb)
        .transaction((tx) =>
          t
            .get(MailService)
            .enqueue(tx, { template, to: { address: js.email, personId: js.id }, variables }),
        ),
    );
  /** Delivers the tenant's outbox over SMTP; the subjects that reached the person. */
  async function subjectsTo(js: Jobseeker): Promise<string[]> {
    await t.settled();
    await t.get(MailDeliveryService).deliverDue(100, tenant);
    return smtp.to(js.email).map((m) => decodedHeader(m.raw, 'Subject') ?? '');
  }

  it('an objection submitted by the person takes them out of the employer search, the profile route and the talent pool at once, before staff act', async () => {
    const js = await welder();
    expect(await employerSees(js)).toEqual(listed);

    await object(js);

    expect(await employerSees(js)).toEqual(unlisted);
    const ask = await t.http(
      'post',
      '/connections',
      as(employer.token, { profileHandle: await publicHandle(t, tenant, js.id) }),
    );
    expect(ask.status).toBe(404);
    // Staff still find and open the person: they must handle the request.
    expect((await t.http('get', `/profiles/${js.id}`, as(staff.token))).status).toBe(200);
    expect((await processing(js)).body).toMatchObject({ restricted: true });
  });

  it('while restricted no newsletter reaches the person, also one queued before the objection; transactional mail still goes', async () => {
    const js = await welder();
    const early = await queue(js, 'newsletter', { name: 'Noor' });
    expect(early.suppressed).toBe(false);

    await object(js, 'restriction');
    const late = await queue(js, 'newsletter', { name: 'Noor' });
    expect(late.suppressed).toBe(true);
    await queue(js, 'sign-in-attempts', { name: 'Noor', resetUrl: 'https://example.org/reset' });

    const subjects = await subjectsTo(js);
    expect(subjects.some((s) => /newsletter/i.test(s))).toBe(false);
    expect(subjects.filter((s) => /RQ-/.test(s))).toHaveLength(1); // the request's own "received" mail
    expect(subjects.filter((s) => /in te loggen|to sign in/.test(s))).toHaveLength(1);
    const statuses = await sql<{ status: string }>(
      t,
      tenant,
      `SELECT status FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'newsletter'`,
      [js.id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['suppressed', 'suppressed']);
  });

  it('a refused objection lists the person again at once, and the newsletter goes again', async () => {
    const js = await welder();
    const r = await object(js);
    expect(await employerSees(js)).toEqual(unlisted);

    expect(
      (
        await move(
          r.id,
          'refused',
          'the profile is processed with your consent, not on legitimate interest',
        )
      ).status,
    ).toBe(200);

    expect(await employerSees(js)).toEqual(listed);
    expect((await queue(js, 'newsletter', { name: 'Noor' })).suppressed).toBe(false);
    expect((await processing(js)).body).toMatchObject({ restricted: false, requests: [] });
  });

  it('an upheld objection keeps the person restricted until staff lift it with a reason; the lift is announced to the person, audited, and takes effect after the notice', async () => {
    const js = await welder();
    const r = await object(js);
    expect((await move(r.id, 'in-progress')).status).toBe(200);
    // Lifting cannot cut a pending request short.
    expect((await lift(js, { restricted: false, reason: 'We decided otherwise' })).status).toBe(
      409,
    );
    expect((await move(r.id, 'completed')).status).toBe(200);

    expect(await employerSees(js)).toEqual(unlisted);
    expect((await processing(js)).body).toMatchObject({ restricted: true, requests: [r.id] });

    const bad = await lift(js, { restricted: true, reason: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/restricted/);
    expect((await lift(js, { restricted: false })).status).toBe(400);

    // Announced on Tuesday 2 March 2027: five Dutch working days on is Tuesday 9 March.
    const lifted = await lift(js, {
      restricted: false,
      reason: 'The person asked to be listed again',
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ restricted: true, liftsOn: '2027-03-09', requests: [r.id] });
    expect(await employerSees(js)).toEqual(unlisted);
    expect((await lift(js, { restricted: false, reason: 'once more' })).status).toBe(409);

    const audit = await auditActions(t, tenant, js.id);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'rights.processing.lift-announce',
        actor_id: staff.id,
        details: expect.objectContaining({
          holders: [`rights-request:${r.id}`],
          liftsOn: '2027-03-09',
        }),
      }),
    );
    // The reason is staff's free text about the person: it is kept with the holder and mailed, never in the audit log.
    expect(JSON.stringify(audit)).not.toContain('listed again');
    // Art. 18(3): the person hears before the restriction ends, on which day (in the tenant's language).
    expect(
      (await subjectsTo(js)).filter((s) => s.includes(r.reference) && s.includes('2027-03-09')),
    ).toHaveLength(1);

    // The sweep on the day the notice ends (the clock goes back after it, for the tokens of this file).
    clock.set('2027-03-09T07:00:00Z');
    const swept = await t.get(RestrictionLiftSweep).sweep({ tenantIds: [tenant.id] });
    clock.set('2027-03-02T09:00:00Z');
    expect(swept).toEqual({ lifted: 1 });
    expect(await employerSees(js)).toEqual(listed);
    expect((await processing(js)).body).toMatchObject({ restricted: false, requests: [], holders: [] });
    expect(await auditActions(t, tenant, js.id)).toContainEqual(
      expect.objectContaining({
        action: 'rights.processing.lift',
        details: expect.objectContaining({ requests: [r.id], liftsOn: '2027-03-09' }),
      }),
    );
    expect(JSON.stringify(await auditActions(t, tenant, js.id))).not.toContain('listed again');
  });

  it('an objection to direct marketing only stops the newsletter, also one queued before, and leaves the person in the employer search', async () => {
    const js = await welder();
    const early = await queue(js, 'newsletter', { name: 'Noor' });
    expect(early.suppressed).toBe(false);

    const r = await t.http('post', '/rights/requests/me', as(js.token, { kind: 'objection', purpose: 'direct-marketing' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'objection', purpose: 'direct-marketing' });

    expect(await employerSees(js)).toEqual(listed);
    expect((await processing(js)).body).toMatchObject({ restricted: false, requests: [] });
    expect((await queue(js, 'newsletter', { name: 'Noor' })).suppressed).toBe(true);
    expect((await subjectsTo(js)).some((s) => /newsletter/i.test(s))).toBe(false);
    const statuses = await sql<{ status: string }>(
      t,
      tenant,
      `SELECT status FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'newsletter'`,
      [js.id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['suppressed', 'suppressed']);

    // Art. 21(3) leaves nothing to weigh: deciding the request does not send marketing again.
    expect((await move(r.body.id, 'refused', 'recorded; the newsletter has stopped')).status).toBe(200);
    expect((await queue(js, 'newsletter', { name: 'Noor' })).suppressed).toBe(true);
    expect(await employerSees(js)).toEqual(listed);
  });

  it('only an objection can name a purpose, only a known one, and not through the mailed link: refused naming the field, nothing recorded', async () => {
    const js = await welder();
    const restriction = await t.http('post', '/rights/requests/me', as(js.token, { kind: 'restriction', purpose: 'direct-marketing' }));
    expect(restriction.status).toBe(422);
    expect(restriction.body.errors.map((e: { field: string }) => e.field)).toEqual(['purpose']);
    const unknown = await t.http('post', '/rights/requests/me', as(js.token, { kind: 'objection', purpose: 'profiling' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['purpose']);
    const byMail = await t.http('post', '/rights/requests/by-email', {
      tenant: tenant.key,
      body: { email: js.email, kind: 'objection', purpose: 'direct-marketing' },
    });
    expect(byMail.status).toBe(400);
    expect(JSON.stringify(byMail.body)).toMatch(/purpose/);
    expect((await t.http('get', '/rights/requests/me', as(js.token))).body).toEqual([]);
    expect(await employerSees(js)).toEqual(listed);
  });
});
