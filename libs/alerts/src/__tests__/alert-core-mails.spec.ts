import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import { SmtpCapture, decodeHtml, decodedHeader, header, part, type CapturedMail } from '../../../mail/src/__tests__/support/smtp-capture.js';
import { createVacancy, employerWithRecruiter } from '../../../vacancies/src/__tests__/vacancy-fixtures.js';
import { AlertDispatchService } from '../alert-dispatch.service.js';
import { CONFIRM_WITHIN_DAYS } from '../alert-subscriptions.service.js';
import { tenantWithoutAlertMails, uniqueAddress } from './alert-fixtures.js';

const START = '2026-01-10T09:00:00Z';
/** 07:00 in Amsterdam the next morning: the daily digest moment. */
const NEXT_DIGEST = '2026-01-11T06:00:00Z';

const WORDS = {
  nl: {
    confirmSubject: 'Bevestig je vacature-alert "lasser"',
    hello: 'Hallo Sam,',
    expiry: `${CONFIRM_WITHIN_DAYS} dagen`,
    digestSubject: 'Je dagelijkse vacatures voor "lasser"',
    digestLine: 'bij Unit employer in Utrecht',
  },
  en: {
    confirmSubject: 'Confirm your vacancy alert "lasser"',
    hello: 'Hello Sam,',
    expiry: `${CONFIRM_WITHIN_DAYS} days`,
    digestSubject: 'Your daily vacancies for "lasser"',
    digestLine: 'at Unit employer in Utrecht',
  },
} as const;

/**
 * A tenant that switches alerts on but writes none of their mails gets the core's own, in every
 * core locale, and the whole double opt-in and digest run works on them over real SMTP.
 */
describe('vacancy alerts on the core default mails', () => {
  const clock = new FixedClock(START);
  const definition = tenantWithoutAlertMails('alerts-core-mails', { vacancyAlerts: { enabled: true } });
  let smtp: SmtpCapture;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, tenants: [definition], env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => clock.set(START));

  const deliver = (tenant: TenantRef) => t.get(MailDeliveryService).deliverDue(50, tenant);
  const only = (to: string): CapturedMail => {
    const mails = smtp.to(to);
    expect(mails).toHaveLength(1);
    return mails[0];
  };
  /** The link behind a mail's button, as the reader's mail client shows it. */
  const linkIn = (mail: CapturedMail, path: string): URL => {
    const href = new RegExp(`href="([^"]*${path.replace(/\//g, '\\/')}\\?[^"]*)"`).exec(decodeHtml(part(mail.raw, 'text/html')!));
    expect(href).not.toBeNull();
    return new URL(href![1]);
  };

  it('the tenant declares none of the alert mails, so the admin catalogue shows the core ones', async () => {
    const declared = definition.mail.templates.map((tpl) => tpl.key);
    for (const key of ['alert-confirm', 'vacancy-alert', 'vacancy-alert-digest']) expect(declared).not.toContain(key);
    const tenant = await t.createTenant('alerts-core-mails');
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const list = await t.http('get', '/mail/templates', { tenant: tenant.key, token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'alert-confirm', category: 'transactional', origin: 'core', locales: ['en', 'nl'] }),
        expect.objectContaining({ key: 'vacancy-alert', category: 'alert', origin: 'core' }),
        expect.objectContaining({ key: 'vacancy-alert-digest', category: 'alert', origin: 'core', locales: ['en', 'nl'] }),
      ]),
    );
  });

  it.each(['nl', 'en'] as const)(
    'in %s: subscribe, confirm through the mailed link, and the daily digest arrives with one-click unsubscribe',
    async (locale) => {
      const words = WORDS[locale];
      const tenant = await t.createTenant('alerts-core-mails');
      const email = uniqueAddress();

      const subscribed = await t.http('post', '/alerts', {
        tenant: tenant.key,
        body: { name: 'Sam', email, keywords: 'lasser', frequency: 'daily', locale },
      });
      expect(subscribed.status).toBe(202);
      expect(await deliver(tenant)).toMatchObject({ sent: 1 });

      const confirmation = only(email);
      expect(header(confirmation.raw, 'From')).toBe('Kandidatenbank <noreply@kandidatenbank.example>');
      expect(decodedHeader(confirmation.raw, 'Subject')).toBe(words.confirmSubject);
      // The confirmation is transactional: it cannot be refused, so it offers no unsubscribe.
      expect(header(confirmation.raw, 'List-Unsubscribe')).toBeNull();
      const confirmText = part(confirmation.raw, 'text/plain')!;
      expect(confirmText).toContain(words.hello);
      expect(confirmText).toContain(words.expiry);
      expect(part(confirmation.raw, 'text/html')).not.toContain('/unsubscribe');
      const confirmUrl = linkIn(confirmation, '/alerts/confirm');
      expect(confirmUrl.searchParams.get('tenant')).toBe(tenant.key);

      const confirmed = await t.http('post', '/alerts/confirm', { tenant: tenant.key, body: { token: confirmUrl.searchParams.get('token') } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ confirmed: true });

      const employer = await employerWithRecruiter(t, tenant);
      clock.advance(60_000);
      const vacancyId = await createVacancy(t, tenant, employer.recruiter.token, { title: 'Lasser' });
      clock.set(NEXT_DIGEST);
      expect(await t.inTenant(tenant, () => t.get(AlertDispatchService).sendDigests())).toBe(1);
      expect(await deliver(tenant)).toMatchObject({ sent: 1 });

      const digest = smtp.to(email)[1];
      expect(smtp.to(email)).toHaveLength(2);
      expect(decodedHeader(digest.raw, 'Subject')).toBe(words.digestSubject);
      const unsubscribe = header(digest.raw, 'List-Unsubscribe');
      expect(unsubscribe).toMatch(new RegExp(`^<http://localhost:3000/mail/t/${tenant.key}/unsubscribe\\?token=[A-Za-z0-9_-]+>$`));
      expect(header(digest.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const html = decodeHtml(part(digest.raw, 'text/html')!);
      expect(html).toContain(words.hello);
      expect(html).toMatch(new RegExp(`href="[^"]*/vacancies/${vacancyId}\\?tenant=${tenant.key}">Lasser</a> ${words.digestLine}`));
      expect(html).toContain(`href="${unsubscribe!.slice(1, -1)}"`);

      const manage = linkIn(digest, '/alerts/manage').searchParams.get('token');
      const overview = await t.http('get', `/alert-subscription?token=${manage}`, { tenant: tenant.key });
      expect(overview.status).toBe(200);
      expect(overview.body.alerts).toEqual([expect.objectContaining({ keywords: 'lasser', frequency: 'daily', confirmed: true })]);

      const url = new URL(unsubscribe!.slice(1, -1));
      const oneClick = await t
        .http('post', `${url.pathname}${url.search}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } })
        .send('List-Unsubscribe=One-Click');
      expect(oneClick.status).toBe(200);
      expect(oneClick.body).toEqual({ category: 'alert', subscribed: false });
    },
  );
});
