import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { MailService, type OutgoingMail } from '../mail.service.js';
import { MailDeliveryService } from '../mail-delivery.service.js';
import { SmtpCapture, header } from './support/smtp-capture.js';

describe('unsubscribing from mail', () => {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let other: TenantRef;
  let n = 0;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, tenants: [kandidatenbank], env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('kandidatenbank');
    other = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const address = () => `reader-${++n}-${Date.now()}@example.test`;
  const send = async (mail: OutgoingMail, on = tenant) => {
    const res = await t.get(TenantDb).forTenant(on, (tx) => t.get(MailService).enqueue(tx, mail));
    await t.get(MailDeliveryService).deliverDue(50, on);
    return res;
  };
  const reminder = (to: string): OutgoingMail => ({
    template: 'profile-reconfirm',
    to: { address: to },
    variables: { name: 'Sam', confirmUrl: 'https://kb.example/c', deadline: '1 April 2026' },
  });
  const connection = (to: string): OutgoingMail => ({
    template: 'connection-request',
    to: { address: to, locale: 'en' },
    variables: { name: 'Sam', requesterName: 'Acme', respondUrl: 'https://kb.example/r' },
  });
  const verify = (to: string): OutgoingMail => ({
    template: 'verify-email',
    to: { address: to },
    variables: { name: 'Sam', verifyUrl: 'https://kb.example/v' },
  });
  /** The one-click URL from the List-Unsubscribe header, as a path for the test client. */
  const unsubscribeLink = (to: string) => {
    const mails = smtp.to(to);
    const url = new URL(header(mails[mails.length - 1].raw, 'List-Unsubscribe')!.slice(1, -1));
    return `${url.pathname}${url.search}`;
  };
  const oneClick = (path: string) =>
    t.http('post', path, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).send('List-Unsubscribe=One-Click');

  it('the one-click POST from the List-Unsubscribe header unsubscribes at once, and the next mail of that category is not sent', async () => {
    const to = address();
    await send(reminder(to));
    const res = await oneClick(unsubscribeLink(to));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ category: 'reminder', subscribed: false });

    const next = await send(reminder(to));
    expect(next.suppressed).toBe(true);
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('an unsubscribe is honoured by a mail that was already queued before it', async () => {
    const to = address();
    await send(reminder(to));
    const queued = await t.get(TenantDb).forTenant(tenant, (tx) => t.get(MailService).enqueue(tx, reminder(to)));
    expect(queued.suppressed).toBe(false);
    await oneClick(unsubscribeLink(to));
    const report = await t.get(MailDeliveryService).deliverDue(50, tenant);
    expect(report).toMatchObject({ suppressed: 1, sent: 0 });
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('leaving one category keeps the others and never stops transactional mail', async () => {
    const to = address();
    await send(reminder(to));
    await oneClick(unsubscribeLink(to));
    expect((await send(connection(to))).suppressed).toBe(false);
    expect((await send(verify(to))).suppressed).toBe(false);
    expect(smtp.to(to)).toHaveLength(3);
  });

  it('opening the footer link shows a page and changes nothing (mail scanners open links)', async () => {
    const to = address();
    await send(reminder(to));
    const res = await t.http('get', unsubscribeLink(to));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('method="post"');
    expect((await send(reminder(to))).suppressed).toBe(false);
  });

  it('the preferences page lets the person choose categories', async () => {
    const to = address();
    await send(reminder(to));
    const path = unsubscribeLink(to).replace('/unsubscribe?', '/preferences?');
    const before = await t.http('get', path);
    expect(before.status).toBe(200);
    expect(before.body.categories).toEqual([
      { category: 'reminder', subscribed: true },
      { category: 'alert', subscribed: true },
      { category: 'notification', subscribed: true },
      { category: 'newsletter', subscribed: true },
    ]);
    const put = await t.http('put', path, { body: { notification: false, newsletter: false } });
    expect(put.status).toBe(200);
    expect(put.body.categories.filter((c: { subscribed: boolean }) => !c.subscribed).map((c: { category: string }) => c.category)).toEqual([
      'notification',
      'newsletter',
    ]);
    expect((await send(connection(to))).suppressed).toBe(true);
    expect((await send(reminder(to))).suppressed).toBe(false);

    const back = await t.http('put', path, { body: { notification: true } });
    expect(back.body.categories).toContainEqual({ category: 'notification', subscribed: true });
    expect((await send(connection(to))).suppressed).toBe(false);
  });

  it('transactional mail is not a choice on the preferences page', async () => {
    const to = address();
    await send(reminder(to));
    const path = unsubscribeLink(to).replace('/unsubscribe?', '/preferences?');
    const res = await t.http('put', path, { body: { transactional: false } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field: 'transactional', reason: 'property transactional should not exist' });
  });

  it('a forged, altered or foreign token is refused with the field named, and changes nothing', async () => {
    const to = address();
    await send(reminder(to));
    const path = unsubscribeLink(to);
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    for (const bad of [
      path.replace(token, altered),
      path.replace(tenant.key, other.key),
      path.replace(token, 'short'),
    ]) {
      const res = await oneClick(bad);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('token');
    }
    expect((await send(reminder(to))).suppressed).toBe(false);
  });
});
