import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import { SmtpCapture, decodedHeader } from '../../../mail/src/__tests__/support/smtp-capture.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import {
  activeJobseeker,
  auditActions,
  publicHandle,
  sql,
  type Jobseeker,
} from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { RestrictionHolds } from '../restriction-holds.js';
import { RestrictionLiftSweep } from '../restriction-lifts.sweep.js';

/** A tenant that gives three working days' notice before a restriction of processing is lifted. */
const noticeLab: TenantDefinition = {
  ...kandidatenbank,
  key: 'rights-lift-notice-lab',
  domains: [],
  demo: undefined,
  rights: { ...kandidatenbank.rights!, liftNoticeWorkingDays: 3, holidays: 'NL' },
};

/**
 * GDPR art. 18(3) and several holders of one restriction (issue 14): a lift is announced by mail
 * with its day and takes effect after the tenant's notice in Dutch working days, applied by the
 * sweep as the clock walks; staff can withdraw it; a restriction held by two holders outlives the
 * lift of one.
 */
describe('a restriction of processing is lifted only after notice, and only when no holder is left', () => {
  // Thursday 22 April 2027, 11:00 in Amsterdam. Three working days on: Friday 23, Monday 26, and,
  // Koningsdag (Tuesday 27) not counting, Wednesday 28 April.
  const ANNOUNCED = '2027-04-22T09:00:00Z';
  const clock = new FixedClock(ANNOUNCED);
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let staff: { token: string; id: string };
  let employer: { token: string };

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url }, tenants: [...registeredTenants, noticeLab] });
    tenant = await t.createTenant(noticeLab.key);
    staff = await t.signedIn(tenant, ['staff']);
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    employer = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => clock.set(ANNOUNCED));

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const welder = () =>
    activeJobseeker(
      t,
      tenant,
      { firstName: 'Noor', lastName: `Opheffing-${Math.random().toString(36).slice(2, 8)}` },
      { headline: 'Lasser', city: 'Utrecht' },
    );
  const ask = (js: Jobseeker, kind: 'objection' | 'restriction') =>
    t.http('post', '/rights/requests/me', as(js.token, { kind })).then((r) => {
      expect(r.status).toBe(201);
      return r.body as { id: string; reference: string };
    });
  const decide = async (id: string, to: 'completed' | 'refused') => {
    expect((await t.http('post', `/rights/requests/${id}/status`, as(staff.token, { status: 'in-progress' }))).status).toBe(200);
    const body = to === 'refused' ? { status: to, reason: 'processed with your consent' } : { status: to };
    expect((await t.http('post', `/rights/requests/${id}/status`, as(staff.token, body))).status).toBe(200);
  };
  const lift = (js: Jobseeker) =>
    t.http('post', `/rights/people/${js.id}/processing`, as(staff.token, { restricted: false, reason: 'The objection no longer applies' }));
  const cancel = (js: Jobseeker) => t.http('delete', `/rights/people/${js.id}/processing/lift`, as(staff.token));
  const processing = async (js: Jobseeker) => (await t.http('get', `/rights/people/${js.id}/processing`, as(staff.token))).body;
  /** Whether an employer finds the person (tokens are of the announcement's day, so it reads then). */
  const listed = async (js: Jobseeker) => {
    const search = await t.http('get', '/search/profiles?q=lasser&limit=50', as(employer.token));
    const handle = await publicHandle(t, tenant, js.id);
    return search.body.items.some((i: { handle: string }) => i.handle === handle);
  };
  /** The profile's flag, read at any moment of the walk without a token. */
  const flagged = async (js: Jobseeker) =>
    (await sql<{ r: boolean }>(t, tenant, `SELECT processing_restricted_at IS NOT NULL AS r FROM profiles WHERE tenant_id = $1 AND id = $2`, [js.id]))[0].r;
  /** Runs the sweep at the given instant. */
  const sweepAt = async (at: string) => {
    clock.set(at);
    try {
      return (await t.get(RestrictionLiftSweep).sweep({ tenantIds: [tenant.id] })).lifted;
    } finally {
      clock.set(ANNOUNCED);
    }
  };
  const subjectsTo = async (js: Jobseeker) => {
    await t.settled();
    await t.get(MailDeliveryService).deliverDue(100, tenant);
    return smtp.to(js.email).map((m) => decodedHeader(m.raw, 'Subject') ?? '');
  };
  const holds = () => t.get(RestrictionHolds);
  const inTx = <T>(fn: (tx: Parameters<Parameters<TenantDb['transaction']>[0]>[0]) => Promise<T>) =>
    t.inTenant(tenant, () => t.get(TenantDb).transaction(fn));

  it('the lift route answers restricted with the day; the mail names that day; the person stays restricted until it comes in the Dutch calendar (Koningsdag not counted)', async () => {
    const js = await welder();
    const r = await ask(js, 'objection');
    await decide(r.id, 'completed');

    const announced = await lift(js);
    expect(announced.status).toBe(200);
    expect(announced.body).toMatchObject({ restricted: true, liftsOn: '2027-04-28', requests: [r.id] });
    expect(await listed(js)).toBe(false);
    expect((await subjectsTo(js)).filter((s) => s.includes(r.reference) && s.includes('2027-04-28'))).toHaveLength(1);

    for (const at of ['2027-04-23T09:00:00Z', '2027-04-26T09:00:00Z', '2027-04-27T21:59:00Z']) {
      expect(await sweepAt(at)).toBe(0);
      expect(await flagged(js)).toBe(true);
    }
    // 00:30 on Wednesday 28 April in Amsterdam.
    expect(await sweepAt('2027-04-27T22:30:00Z')).toBe(1);
    expect(await flagged(js)).toBe(false);
    expect(await listed(js)).toBe(true);
    expect(await processing(js)).toMatchObject({ restricted: false, requests: [], holders: [], liftsOn: null });
    expect(await sweepAt('2027-04-29T09:00:00Z')).toBe(0);
  });

  it('staff withdraw an announced lift: the person stays restricted past the day and is told; with nothing announced there is nothing to withdraw', async () => {
    const js = await welder();
    const r = await ask(js, 'restriction');
    await decide(r.id, 'completed');
    expect((await cancel(js)).status).toBe(409);
    expect((await lift(js)).status).toBe(200);

    const withdrawn = await cancel(js);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ restricted: true, liftsOn: null, holders: [expect.objectContaining({ liftsOn: null })] });
    expect((await cancel(js)).status).toBe(409);

    expect(await sweepAt('2027-05-10T09:00:00Z')).toBe(0);
    expect(await flagged(js)).toBe(true);
    expect(await listed(js)).toBe(false);
    const subjects = await subjectsTo(js);
    expect(subjects.filter((s) => s.includes(r.reference) && s.includes('2027-04-28'))).toHaveLength(1);
    expect(subjects.filter((s) => s.includes(r.reference) && /stays|blijft/.test(s))).toHaveLength(1);
    expect((await auditActions(t, tenant, js.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['rights.processing.lift-announce', 'rights.processing.lift-cancel']),
    );
  });

  it("a second holder keeps the restriction after the first's lift takes effect; lifting the tenant's own hold lifts only that", async () => {
    const js = await welder();
    const r = await ask(js, 'objection');
    await decide(r.id, 'completed');
    const placed = await inTx((tx) => holds().place(tx, js.id, { key: 'case:42', reference: 'CASE-42' }));
    expect(placed).toEqual({ restricted: true, liftsOn: null });

    expect((await lift(js)).body).toMatchObject({ restricted: true, liftsOn: null });
    expect(await sweepAt('2027-04-28T09:00:00Z')).toBe(1);
    expect(await flagged(js)).toBe(true);
    expect(await listed(js)).toBe(false);
    expect(await processing(js)).toMatchObject({
      restricted: true,
      requests: [],
      holders: [expect.objectContaining({ holder: 'tenant:case:42', reference: 'CASE-42', liftsOn: null })],
    });
    // The staff route lifts the core's holders only: the tenant's hold is the tenant's.
    expect((await lift(js)).status).toBe(409);

    const announced = await inTx((tx) => holds().announceLift(tx, js.id, 'case:42', 'The case is closed'));
    expect(announced).toEqual({ restricted: true, liftsOn: '2027-04-28' });
    expect((await subjectsTo(js)).filter((s) => s.includes('CASE-42') && s.includes('2027-04-28'))).toHaveLength(1);
    expect(await sweepAt('2027-04-28T09:00:00Z')).toBe(1);
    expect(await flagged(js)).toBe(false);
    expect(await listed(js)).toBe(true);
  });

  it('a refused request releases only its own hold: an open one still restricts', async () => {
    const js = await welder();
    const first = await ask(js, 'objection');
    const second = await ask(js, 'restriction');
    await decide(second.id, 'refused');
    expect(await flagged(js)).toBe(true);
    expect(await processing(js)).toMatchObject({ restricted: true, requests: [first.id] });
    await decide(first.id, 'refused');
    expect(await flagged(js)).toBe(false);
  });

  it("the tenant's hold API refuses a bad key or reference naming the field, and a lift of a hold that holds nothing", async () => {
    const js = await welder();
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { getStatus(): number; getResponse(): { errors: { field: string }[] } }) => ({
          status: e.getStatus(),
          fields: e.getResponse().errors.map((f) => f.field),
        }),
      );
    expect(await problem(inTx((tx) => holds().place(tx, js.id, { key: 'Case 42', reference: 'C' })))).toEqual({ status: 422, fields: ['key'] });
    expect(await problem(inTx((tx) => holds().place(tx, js.id, { key: 'case:1', reference: ' ' })))).toEqual({ status: 422, fields: ['reference'] });
    expect(await problem(inTx((tx) => holds().place(tx, randomUUID(), { key: 'case:1', reference: 'C-1' })))).toEqual({
      status: 422,
      fields: ['personId'],
    });
    expect(await problem(inTx((tx) => holds().announceLift(tx, js.id, 'case:1', 'closed now')))).toEqual({ status: 409, fields: ['key'] });
    await inTx((tx) => holds().place(tx, js.id, { key: 'case:1', reference: 'C-1' }));
    expect(await problem(inTx((tx) => holds().announceLift(tx, js.id, 'case:1', '')))).toEqual({ status: 422, fields: ['reason'] });
    expect(await problem(inTx((tx) => holds().cancelLift(tx, js.id, 'case:1')))).toEqual({ status: 409, fields: ['key'] });
    // Placing twice holds once.
    await inTx((tx) => holds().place(tx, js.id, { key: 'case:1', reference: 'C-1' }));
    expect((await processing(js)).holders).toHaveLength(1);
  });
});
