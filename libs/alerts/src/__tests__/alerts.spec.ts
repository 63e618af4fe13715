import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { SuppressionService } from '../../../mail/src/suppression.service.js';
import { addressHash } from '../../../mail/src/address.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { createVacancy, employerWithRecruiter } from '../../../vacancies/src/__tests__/vacancy-fixtures.js';
import { rows } from '../../../vacancies/src/__tests__/application-fixtures.js';
import { AlertDispatchService } from '../alert-dispatch.service.js';
import { AlertExpiryService } from '../alert-expiry.service.js';
import { confirmedSubscriber, mailsTo, tokenIn, uniqueAddress } from './alert-fixtures.js';

const START = '2026-01-10T09:00:00Z';

describe('vacancy alerts', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  let tenant: TenantRef;
  let employer: Awaited<ReturnType<typeof employerWithRecruiter>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    employer = await employerWithRecruiter(t, tenant);
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(START));

  const http = (method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: unknown) =>
    t.http(method, path, { tenant: tenant.key, body });
  const immediate = () => t.inTenant(tenant, () => t.get(AlertDispatchService).sendImmediate());
  const digests = () => t.inTenant(tenant, () => t.get(AlertDispatchService).sendDigests());
  const publish = async (body: Record<string, unknown> = {}) =>
    createVacancy(t, tenant, await t.login(employer.recruiter), body);
  const subscriberRows = (id: string) => rows(t, tenant, `SELECT id FROM alert_subscribers WHERE tenant_id = $1 AND id = $2`, [id]);

  describe('double opt-in', () => {
    it('subscribing sends only the confirmation mail; no vacancy is sent before confirmation', async () => {
      const email = uniqueAddress();
      const res = await http('post', '/alerts', { name: 'Sam', email, keywords: 'monteur', frequency: 'immediate' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'confirmation-sent' });
      clock.advance(60_000);
      await publish({ title: 'Monteur' });
      await immediate();
      const mails = await mailsTo(t, tenant, email);
      expect(mails.map((m) => m.template)).toEqual(['alert-confirm']);
      const deliveries = await rows(
        t,
        tenant,
        `SELECT d.vacancy_id FROM alert_deliveries d JOIN vacancy_alerts a ON a.tenant_id = d.tenant_id AND a.id = d.alert_id
          WHERE d.tenant_id = $1 AND a.subscriber_id = $2`,
        [mails[0].person_id],
      );
      expect(deliveries).toEqual([]);
    });

    it('after confirmation a matching vacancy is mailed at once, and never twice', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'lasser' });
      clock.advance(60_000);
      const vacancyId = await publish({ title: 'Lasser', description: 'Lasser gezocht voor constructiewerk in de metaalindustrie.' });
      await publish({ title: 'Kok', description: 'Kok gezocht voor een restaurant in het centrum van de stad.' });
      expect(await immediate()).toBeGreaterThanOrEqual(1);
      expect(await immediate()).toBe(0);
      const sent = await mailsTo(t, tenant, s.email, 'vacancy-alert');
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        person_id: s.subscriberId,
        variables: { name: 'Sam', alertName: 'lasser', vacancies: [{ title: 'Lasser', url: expect.stringContaining(`/vacancies/${vacancyId}`) }] },
      });
      const manage = tokenIn(sent[0], 'manageUrl');
      expect((await http('get', `/alert-subscription?token=${manage}`)).status).toBe(200);
    });

    it('a confirm link works once: used again it answers like an invalid link and hands out no manage token', async () => {
      const email = uniqueAddress();
      await http('post', '/alerts', { name: 'Sam', email, frequency: 'daily' });
      const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
      const token = tokenIn(confirmation, 'confirmUrl');
      const first = await http('post', '/alerts/confirm', { token });
      expect(first.status).toBe(200);
      expect(first.body.manageToken).toEqual(expect.any(String));
      const again = await http('post', '/alerts/confirm', { token });
      const forged = await http('post', '/alerts/confirm', { token: `${token.slice(0, -2)}AA` });
      expect(again.status).toBe(404);
      expect(again.body).toEqual(forged.body);
      expect(JSON.stringify(again.body)).not.toContain(first.body.manageToken);
      // The manage link handed out the first time still works (and ends this subscription, so other tests' counts hold).
      expect((await http('get', `/alert-subscription?token=${first.body.manageToken}`)).status).toBe(200);
      expect((await http('delete', `/alert-subscription?token=${first.body.manageToken}`)).status).toBe(204);
    });

    it('an unconfirmed subscription is deleted after 7 days, with the subscriber', async () => {
      const email = uniqueAddress();
      await http('post', '/alerts', { name: 'Sam', email, frequency: 'daily' });
      const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
      const purge = () => t.inTenant(tenant, () => t.get(AlertExpiryService).purgeUnconfirmed());
      clock.advanceDays(6);
      await purge();
      expect(await subscriberRows(confirmation.person_id!)).toHaveLength(1);
      clock.set('2026-01-17T09:00:00Z');
      await purge();
      expect(await subscriberRows(confirmation.person_id!)).toEqual([]);
      const alerts = await rows(t, tenant, `SELECT id FROM vacancy_alerts WHERE tenant_id = $1 AND subscriber_id = $2`, [confirmation.person_id]);
      expect(alerts).toEqual([]);
      expect(await mailsTo(t, tenant, email)).toEqual([]);
      const late = await http('post', '/alerts/confirm', { token: tokenIn(confirmation, 'confirmUrl') });
      expect(late.status).toBe(404);
    });

    it('a confirm link older than 7 days no longer confirms, even before the sweep ran', async () => {
      const email = uniqueAddress();
      await http('post', '/alerts', { name: 'Sam', email, frequency: 'daily' });
      const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
      clock.advanceDays(7);
      expect((await http('post', '/alerts/confirm', { token: tokenIn(confirmation, 'confirmUrl') })).status).toBe(404);
    });
  });

  describe('frequency', () => {
    it('a daily alert gets one digest at 07:00 Amsterdam time with the day\'s matches, not immediate mails', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'schilder', frequency: 'daily' });
      clock.advance(60_000);
      await publish({ title: 'Schilder binnenwerk' });
      clock.advance(3_600_000);
      await publish({ title: 'Schilder buitenwerk' });
      expect(await immediate()).toBe(0);
      expect(await digests()).toBe(0);
      clock.set('2026-01-11T05:59:00Z');
      expect(await digests()).toBe(0);
      clock.set('2026-01-11T06:00:00Z');
      expect(await digests()).toBe(1);
      expect(await digests()).toBe(0);
      const sent = await mailsTo(t, tenant, s.email, 'vacancy-alert-digest');
      expect(sent).toHaveLength(1);
      expect((sent[0].variables!.vacancies as { title: string }[]).map((v) => v.title)).toEqual([
        'Schilder binnenwerk',
        'Schilder buitenwerk',
      ]);
      expect(await mailsTo(t, tenant, s.email, 'vacancy-alert')).toEqual([]);
      clock.set('2026-01-12T06:30:00Z');
      expect(await digests()).toBe(0);
      await publish({ title: 'Schilder renovatie' });
      clock.set('2026-01-13T06:00:00Z');
      expect(await digests()).toBe(1);
      const second = await mailsTo(t, tenant, s.email, 'vacancy-alert-digest');
      expect(second).toHaveLength(2);
      expect(JSON.stringify(second.map((m) => m.variables))).toMatch(/renovatie/);
      expect((second[1].variables!.vacancies as unknown[]).length + (second[0].variables!.vacancies as unknown[]).length).toBe(3);
    });

    it('two workers running at once still send each vacancy to an alert once', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'hovenier' });
      clock.advance(60_000);
      await publish({ title: 'Hovenier' });
      const results = await Promise.all([immediate(), immediate(), immediate()]);
      expect(results.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      const sent = await mailsTo(t, tenant, s.email, 'vacancy-alert');
      expect(sent).toHaveLength(1);
      expect((sent[0].variables!.vacancies as unknown[]).length).toBe(1);
    });

    it('the subscriber switches an alert between immediate and daily through the manage link', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'timmerman' });
      const res = await http('patch', `/alert-subscription/alerts/${s.alertId}?token=${s.manageToken}`, { frequency: 'daily' });
      expect(res.status).toBe(200);
      expect(res.body.alerts).toEqual([expect.objectContaining({ id: s.alertId, frequency: 'daily', keywords: 'timmerman', confirmed: true })]);
      clock.advance(60_000);
      await publish({ title: 'Timmerman' });
      expect(await immediate()).toBe(0);
      expect(await mailsTo(t, tenant, s.email, 'vacancy-alert')).toEqual([]);
    });
  });

  describe('managing without an account', () => {
    it('shows, adds and changes alerts through the signed link alone', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'monteur', location: { label: 'Utrecht', latitude: 52.09, longitude: 5.12, distanceKm: 25 } });
      const overview = await http('get', `/alert-subscription?token=${s.manageToken}`);
      expect(overview.status).toBe(200);
      expect(overview.body).toMatchObject({
        name: 'Sam',
        email: s.email,
        alerts: [{ id: s.alertId, name: 'monteur, Utrecht +25 km', location: { label: 'Utrecht', distanceKm: 25 }, confirmed: true }],
      });
      const added = await http('post', `/alert-subscription/alerts?token=${s.manageToken}`, { keywords: 'elektricien', frequency: 'daily' });
      expect(added.status).toBe(201);
      expect(added.body.alerts).toHaveLength(2);
      expect(added.body.alerts).toContainEqual(expect.objectContaining({ keywords: 'elektricien', confirmed: true }));
      const cleared = await http('patch', `/alert-subscription/alerts/${s.alertId}?token=${s.manageToken}`, { location: null });
      expect(cleared.body.alerts).toContainEqual(expect.objectContaining({ id: s.alertId, location: null, name: 'monteur' }));
    });

    it('refuses a tampered link, a link of another tenant, and another subscriber\'s alert, all alike', async () => {
      const s = await confirmedSubscriber(t, tenant);
      const other = await confirmedSubscriber(t, tenant);
      const flipped = s.manageToken.slice(0, -2) + (s.manageToken.endsWith('AA') ? 'AB' : 'AA');
      const elsewhere = await t.createTenant('kandidatenbank');
      const responses = [
        await http('get', `/alert-subscription?token=${flipped}`),
        await t.http('get', `/alert-subscription?token=${s.manageToken}`, { tenant: elsewhere.key }),
        await http('delete', `/alert-subscription/alerts/${other.alertId}?token=${s.manageToken}`),
        await http('get', `/alert-subscription?token=${tokenLike(s.manageToken)}`),
      ];
      expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404]);
      expect((await http('get', `/alert-subscription?token=${other.manageToken}`)).body.alerts).toHaveLength(1);
    });

    it('a confirm token is not a manage token', async () => {
      const email = uniqueAddress();
      await http('post', '/alerts', { name: 'Sam', email, frequency: 'daily' });
      const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
      expect((await http('get', `/alert-subscription?token=${tokenIn(confirmation, 'confirmUrl')}`)).status).toBe(404);
    });
  });

  describe('statement 003, 2.5: "Als er geen vacature-alerts meer zijn, dan verdwijnen je gegevens"', () => {
    it('removing the last alert deletes the subscriber and everything kept about them', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'stukadoor' });
      const second = await http('post', `/alert-subscription/alerts?token=${s.manageToken}`, { keywords: 'tegelzetter', frequency: 'daily' });
      const secondId = second.body.alerts.find((a: { keywords: string }) => a.keywords === 'tegelzetter').id;
      clock.advance(60_000);
      await publish({ title: 'Stukadoor' });
      await immediate();
      expect(await mailsTo(t, tenant, s.email, 'vacancy-alert')).toHaveLength(1);

      const first = await http('delete', `/alert-subscription/alerts/${s.alertId}?token=${s.manageToken}`);
      expect(first.body).toEqual({ subscriberDeleted: false });
      expect(await subscriberRows(s.subscriberId)).toHaveLength(1);

      const last = await http('delete', `/alert-subscription/alerts/${secondId}?token=${s.manageToken}`);
      expect(last.body).toEqual({ subscriberDeleted: true });
      const left = {
        subscribers: await rows(t, tenant, `SELECT id FROM alert_subscribers WHERE tenant_id = $1 AND (id = $2 OR email = $3)`, [s.subscriberId, s.email]),
        alerts: await rows(t, tenant, `SELECT id FROM vacancy_alerts WHERE tenant_id = $1 AND subscriber_id = $2`, [s.subscriberId]),
        deliveries: await rows(t, tenant, `SELECT vacancy_id FROM alert_deliveries WHERE tenant_id = $1 AND alert_id = ANY($2::uuid[])`, [[s.alertId, secondId]]),
        mails: await mailsTo(t, tenant, s.email),
        activity: await rows(t, tenant, `SELECT person_id FROM person_activity WHERE tenant_id = $1 AND person_id = $2`, [s.subscriberId]),
      };
      expect(left).toEqual({ subscribers: [], alerts: [], deliveries: [], mails: [], activity: [] });
      expect((await http('get', `/alert-subscription?token=${s.manageToken}`)).status).toBe(404);
    });

    it('"remove all" deletes the subscriber in one step', async () => {
      const s = await confirmedSubscriber(t, tenant);
      expect((await http('delete', `/alert-subscription?token=${s.manageToken}`)).status).toBe(204);
      expect(await subscriberRows(s.subscriberId)).toEqual([]);
    });

    it('unsubscribing from alert mail (the one-click link) removes the alerts and the subscriber at the next send', async () => {
      const s = await confirmedSubscriber(t, tenant, { keywords: 'glazenwasser' });
      await t.get(TenantDb).forTenant(tenant, (tx) =>
        t.get(SuppressionService).suppress(tx, addressHash(tx.tenantId, s.email), 'alert', 'unsubscribed', s.subscriberId),
      );
      clock.advance(60_000);
      await publish({ title: 'Glazenwasser' });
      await immediate();
      expect(await mailsTo(t, tenant, s.email, 'vacancy-alert')).toEqual([]);
      expect(await subscriberRows(s.subscriberId)).toEqual([]);
    });
  });

  describe('no enumeration, clear errors', () => {
    it('answers the same for a known address, does not rename it, and stops mailing confirmations after three open ones', async () => {
      const s = await confirmedSubscriber(t, tenant, { name: 'Sam' });
      const responses = [];
      for (let i = 0; i < 5; i++)
        responses.push(await http('post', '/alerts', { name: 'Someone Else', email: s.email.toUpperCase(), frequency: 'daily' }));
      expect(responses.map((r) => [r.status, r.body])).toEqual(Array(5).fill([202, { status: 'confirmation-sent' }]));
      expect(await mailsTo(t, tenant, s.email, 'alert-confirm')).toHaveLength(1 + 3);
      expect((await http('get', `/alert-subscription?token=${s.manageToken}`)).body.name).toBe('Sam');
    });

    it('names each invalid field with a 4xx and writes nothing', async () => {
      const email = uniqueAddress();
      const bad = await http('post', '/alerts', { name: '', email: 'not-an-address', frequency: 'hourly', hours: { min: 0, max: 10 } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'frequency', 'hours.min', 'name']);
      const cross = await http('post', '/alerts', {
        name: 'Sam',
        email,
        frequency: 'daily',
        location: { latitude: 52.1, longitude: 5.1 },
        hours: { min: 30, max: 20 },
        locale: 'fr',
      });
      expect(cross.status).toBe(422);
      expect(cross.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hours.max', 'locale', 'location.distanceKm']);
      expect(await rows(t, tenant, `SELECT id FROM alert_subscribers WHERE tenant_id = $1 AND email = $2`, [email])).toEqual([]);
    });
  });

  describe('person data', () => {
    it('exports a subscriber with their alerts, and erasing an account removes alerts under its address', async () => {
      const account = await t.createAccount(tenant, ['jobseeker']);
      const s = await confirmedSubscriber(t, tenant, { keywords: 'monteur' });
      const erasure = t.get(ErasureService);
      const exported = await t.inTenant(tenant, () => erasure.export(s.subscriberId));
      expect(exported.alerts).toMatchObject({ subscriber: { email: s.email, name: 'Sam' }, alerts: [{ id: s.alertId, keywords: 'monteur' }] });

      const res = await http('post', '/alerts', { name: 'Account holder', email: account.email, frequency: 'daily' });
      expect(res.status).toBe(202);
      await t.inTenant(tenant, () => erasure.erase(account.id, 'request'));
      expect(await rows(t, tenant, `SELECT id FROM alert_subscribers WHERE tenant_id = $1 AND email = $2`, [account.email])).toEqual([]);
    });
  });
});

/** A well-formed token that was never issued. */
function tokenLike(token: string): string {
  return Buffer.alloc(Buffer.from(token, 'base64url').length, 7).toString('base64url');
}
