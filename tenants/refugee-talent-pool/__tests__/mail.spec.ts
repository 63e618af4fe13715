import { MailService, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, part } from '../../../test/support/workers.js';
import { refugeeTalentPool } from '../refugee-talent-pool.tenant.js';
import { connect, employer, registeredJobseeker } from './refugeework.fixture.js';

/**
 * Statement 000, "Newsletters and automatic messaging": "you can unsubscribe free of charge at any
 * time using the link at the bottom of the emails", for newsletters and automatic notifications
 * alike. Every mail is in English and in Dutch, in RefugeeWork's own branding.
 */
describe('statement 000: RefugeeWork mail', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it.each(refugeeTalentPool.mail.templates.flatMap((tpl) => (['en', 'nl'] as const).map((locale) => [tpl.key, locale] as const)))(
    'template %s exists in %s, in RefugeeWork\'s own words and branding',
    async (key, locale) => {
      const admin = await t.signedIn(tenant, ['tenant-admin']);
      const res = await t.http('get', `/mail/templates/${key}/preview?locale=${locale}`, { tenant: tenant.key, token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ key, locale, origin: 'tenant' });
      expect(res.body.html).toContain('#e4003a');
      expect(res.body.html).toContain(refugeeTalentPool.mail.branding.footer[locale]);
      expect(res.body.subject.trim()).not.toBe('');
    },
  );

  it('an automatic notification (a connection request) and a newsletter carry the unsubscribe link at the bottom', async () => {
    const person = await registeredJobseeker(t, tenant);
    await connect(t, person, await employer(t, tenant), null);
    await t.inTenant(tenant, () =>
      t.get(TenantDb).transaction((tx) =>
        t.get(MailService).enqueue(tx, {
          template: 'newsletter',
          to: { address: person.email, personId: person.id, personKind: 'jobseeker', locale: 'en' },
          variables: { name: 'Amal', title: 'New jobs in care', intro: 'Twelve employers joined.', readMoreUrl: 'https://refugeework.example/news' },
        }),
      ),
    );
    smtp.received.length = 0;
    await deliverMail(t, tenant);
    const mine = smtp.received.filter((m) => m.to.includes(person.email));
    const subjects = mine.map((m) => header(m.raw, 'Subject'));
    expect(subjects).toEqual(expect.arrayContaining([expect.stringMatching(/would like to get in touch/), 'RefugeeWork news: New jobs in care']));
    for (const m of mine.filter((x) => !/Confirm your e-mail/.test(header(x.raw, 'Subject') ?? ''))) {
      expect(header(m.raw, 'List-Unsubscribe')).toBeTruthy();
      const text = part(m.raw, 'text/plain')!;
      expect(text.slice(text.lastIndexOf('unsubscribe') - 200)).toMatch(/\/mail\/t\/[^/]+\/unsubscribe\?token=/);
    }
  });

  it('the unsubscribe link works without signing in and stops those mails', async () => {
    const person = await registeredJobseeker(t, tenant);
    await connect(t, person, await employer(t, tenant), null);
    smtp.received.length = 0;
    await deliverMail(t, tenant);
    const request = smtp.received.find((m) => m.to.includes(person.email) && /get in touch/.test(header(m.raw, 'Subject') ?? ''))!;
    const url = new URL(/https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9_-]+/.exec(part(request.raw, 'text/plain')!)![0]);
    const res = await t.http('post', `${url.pathname}${url.search}`, {});
    expect(res.status).toBeLessThan(300);
    await connect(t, person, await employer(t, tenant), null);
    const [latest] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ status: string }>(
        `SELECT status FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'connection-request' ORDER BY created_at DESC, id LIMIT 1`,
        [tx.tenantId, person.id],
      ),
    );
    expect(latest.status).toBe('suppressed');
  });
});
