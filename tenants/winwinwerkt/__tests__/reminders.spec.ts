import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, sweepRetention } from '../../../test/support/workers.js';
import { RemindersService } from '../winwinwerkt.reminders.service.js';
import { HOSTS, mailsTo, on, registeredCandidate, type Candidate } from './winwinwerkt.fixture.js';

const SECRET = 'bounce-secret-for-the-tests-0123';
const START = '2027-01-15T09:00:00.000Z';

function monthsAfter(start: string, months: number): string {
  const d = new Date(start);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
}

/** An RFC 3464 report as a receiving server sends it, about one of our mails. */
function dsn(recipient: string, status: string, messageId: string): string {
  return [
    '--BOUNDARY',
    'Content-Type: text/plain',
    '',
    'Delivery to the following recipient failed.',
    '--BOUNDARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status}`,
    '',
    '--BOUNDARY',
    'Content-Type: text/rfc822-headers',
    '',
    `To: ${recipient}`,
    `Message-ID: ${messageId}`,
    '',
    '--BOUNDARY--',
    '',
  ].join('\r\n');
}

/**
 * Statement 003, 2 and 2.2: "Bewaartermijn is 'tot je jezelf uitschrijft'. Je ontvangt elk halfjaar
 * een geautomatiseerde herinnerings-email. Is je emailadres niet meer correct, dan worden je
 * gegevens geautomatiseerd verwijderd." and "Je kan de frequentie ... aanpassen in je profiel".
 * Two years of clock, month by month: the worker's reminder run, delivery to a real SMTP server,
 * the core retention sweep, and bounce reports through the real bounce route.
 */
describe('statement 003: the registration reminder, over two years', () => {
  const clock = new FixedClock(START);
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  const people: Record<'sixMonthly' | 'threeMonthly' | 'passive' | 'hardBounce' | 'fullMailbox', Candidate> = {} as never;
  const receivedIn: Record<string, number[]> = {};

  const exists = (id: string) =>
    t.get(TenantDb).forTenant(tenant, async (tx) => (await tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id])).length === 1);
  const bounce = async (who: Candidate, status: string) => {
    const [last] = (await mailsTo(t, tenant, who.email, 'registration-reminder')).slice(-1);
    return t
      .http('post', `/mail/t/${tenant.key}/bounces/dsn`, {
        headers: { 'x-bounce-secret': SECRET, 'content-type': 'multipart/report; report-type=delivery-status; boundary="BOUNDARY"' },
      })
      .send(dsn(who.email, status, last.message_id_header));
  };

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url, BOUNCE_WEBHOOK_SECRET: SECRET } });
    tenant = await t.createTenant('winwinwerkt');
    people.sixMonthly = await registeredCandidate(t, tenant, HOSTS.mkb, { fields: { availability: 'beschikbaar' } });
    people.threeMonthly = await registeredCandidate(t, tenant, HOSTS.plus65, { fields: { reminderEveryMonths: 3 } });
    people.passive = await registeredCandidate(t, tenant, HOSTS.winwinwerkt, { fields: { availability: 'passief' } });
    people.hardBounce = await registeredCandidate(t, tenant, HOSTS.mkb);
    people.fullMailbox = await registeredCandidate(t, tenant, HOSTS.mkb);
    await deliverMail(t, tenant);
    smtp.received.length = 0;

    for (let month = 1; month <= 24; month++) {
      clock.set(monthsAfter(START, month));
      await t.get(RemindersService).sendDue(tenant);
      await deliverMail(t, tenant);
      await sweepRetention(t, tenant);
      for (const [key, who] of Object.entries(people)) {
        const count = smtp.to(who.email).length;
        const seen = (receivedIn[key] ?? []).length;
        if (count > seen) (receivedIn[key] ??= []).push(month);
        else receivedIn[key] ??= [];
      }
      if (month === 6) {
        // The first reminder of both comes back: one address no longer exists, one mailbox is full.
        const hard = await bounce(people.hardBounce, '5.1.1');
        expect(hard.body).toEqual({ hardBounces: 1, softBounces: 0, complaints: 0 });
        const soft = await bounce(people.fullMailbox, '5.2.2');
        expect(soft.body).toEqual({ hardBounces: 0, softBounces: 1, complaints: 0 });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends the reminder every six months by default', () => {
    expect(receivedIn.sixMonthly).toEqual([6, 12, 18, 24]);
  });

  it('sends it as often as the candidate chose in the profile: every three months', () => {
    expect(receivedIn.threeMonthly).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
  });

  it('keeps sending it to a passive candidate', () => {
    expect(receivedIn.passive).toEqual([6, 12, 18, 24]);
  });

  it('comes from the label the candidate signed up with, in its look and sender', () => {
    const [mail] = smtp.to(people.sixMonthly.email);
    expect(header(mail.raw, 'From')).toContain('noreply@vacatureservicemkb.example');
    const [own] = smtp.to(people.passive.email);
    expect(header(own.raw, 'From')).toContain('noreply@winwinwerkt.example');
  });

  it('deletes the profile when a reminder comes back undeliverable (hard bounce), and sends nothing after', async () => {
    expect(await exists(people.hardBounce.id)).toBe(false);
    expect(receivedIn.hardBounce).toEqual([6]);
    const left = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT 1 FROM profiles WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, people.hardBounce.id]),
    );
    expect(left).toHaveLength(0);
  });

  it('does not delete anyone for a full mailbox: the candidate stays and keeps getting the reminder', async () => {
    expect(await exists(people.fullMailbox.id)).toBe(true);
    expect(receivedIn.fullMailbox).toEqual([6, 12, 18, 24]);
  });

  it('deletes nobody for time: two years on, every candidate who did not bounce is still there', async () => {
    for (const who of [people.sixMonthly, people.threeMonthly, people.passive, people.fullMailbox]) expect(await exists(who.id)).toBe(true);
  });

  it('refuses a frequency outside the bounds WinWinWerkt declares, naming the field', async () => {
    clock.set(START);
    const token = await t.login({ email: people.sixMonthly.email, password: 'een lange zin die ik onthoud', tenant });
    for (const months of [0, 13]) {
      const res = await on(t, tenant, HOSTS.mkb).patch('/profiles/me', { fields: { reminderEveryMonths: months } }, token);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['fields.reminderEveryMonths']);
    }
  });
});
