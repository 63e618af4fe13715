import { FixedClock, PersonDataRegistry, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, sweepRightsDeadlines } from '../../../test/support/workers.js';
import { HOSTS, mailsTo, on, registeredCandidate } from './winwinwerkt.fixture.js';

/**
 * Statement 003, 1.11: "Klopt er iets niet, wil je je gegevens inkijken of laten verwijderen? Neem
 * Contact op en wij maken het voor je in orde, uiterlijk binnen 10 werkdagen." Weekends and Dutch
 * public holidays do not count; staff are told before the date passes and when it has.
 */
describe('statement 003: requests answered within 10 working days', () => {
  const clock = new FixedClock('2027-04-21T09:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let staff: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('winwinwerkt');
    staff = await t.signedIn(tenant, ['staff']);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('an inspection request filed on a Wednesday before Koningsdag is due 10 working days on, on 10 May 2027', async () => {
    const c = await registeredCandidate(t, tenant, HOSTS.mkb);
    const r = await on(t, tenant, HOSTS.mkb).post('/rights/requests/me', { kind: 'access' }, c.token);
    expect(r.status).toBe(201);
    // Koningsdag (27 April), 5 May and Ascension (6 May) do not count, nor the weekends.
    expect(r.body).toMatchObject({ receivedOn: '2027-04-21', dueOn: '2027-05-10' });
  });

  it('the acknowledgement comes from the label the person wrote through', async () => {
    const c = await registeredCandidate(t, tenant, HOSTS.onbekendTalent);
    await on(t, tenant, HOSTS.onbekendTalent).post('/rights/requests/me', { kind: 'rectification', details: 'Mijn woonplaats klopt niet' }, c.token);
    const brands = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ brand: string | null; template: string }>(
        `SELECT brand, template FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2 AND template <> 'verify-email'`,
        [tx.tenantId, c.email],
      ),
    );
    expect(brands.length).toBeGreaterThanOrEqual(1);
    for (const m of brands) expect(m.brand).toBe('onbekendtalent');
    await deliverMail(t, tenant);
    const ack = smtp.to(c.email).find((m) => !/bevestig|confirm/i.test(header(m.raw, 'Subject') ?? ''));
    expect(header(ack!.raw, 'From')).toContain('noreply@onbekendtalent.example');
  });

  it('a deletion request: staff complete it, and the candidate with every WinWinWerkt record is gone, also what the CRM keeps under the address', async () => {
    const c = await registeredCandidate(t, tenant, HOSTS.mkb);
    // Kept under the same address outside the account: a contact-form message and the newsletter.
    await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/contact', { name: c.secrets.firstName, email: c.email, message: 'Kunnen jullie me bellen?' });
    await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/newsletter', { firstName: c.secrets.firstName, lastName: c.secrets.lastName, email: c.email, optIn: true });
    const r = await on(t, tenant, HOSTS.mkb).post('/rights/requests/me', { kind: 'erasure' }, c.token);
    const move = (status: string) => t.http('post', `/rights/requests/${r.body.id}/status`, { tenant: tenant.key, token: staff.token, body: { status } });
    expect((await move('in-progress')).status).toBe(200);
    expect((await move('awaiting-decision')).status).toBe(200);
    const done = await move('completed');
    expect(done.status).toBe(200);
    // The erasure report holds no personal data.
    expect(JSON.stringify(done.body.report)).not.toContain(c.email);
    const left = await t.get(TenantDb).forTenant(tenant, async (tx) => ({
      accounts: await tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, c.id]),
      candidates: await tx.query(`SELECT 1 FROM winwinwerkt_candidates WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, c.id]),
      acceptances: await tx.query(`SELECT 1 FROM winwinwerkt_statement_acceptances WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, c.id]),
      mails: await mailsTo(t, tenant, c.email, 'verify-email'),
      contact: await tx.query(`SELECT 1 FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, c.email]),
      newsletter: await tx.query(`SELECT 1 FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, c.email]),
    }));
    expect(left).toEqual({ accounts: [], candidates: [], acceptances: [], mails: [], contact: [], newsletter: [] });
  });

  it('the retention sweep erases a batch of candidates at once: what is kept under their addresses goes, another candidate\'s stays', async () => {
    const [a, b, kept] = [
      await registeredCandidate(t, tenant, HOSTS.mkb),
      await registeredCandidate(t, tenant, HOSTS.mkb),
      await registeredCandidate(t, tenant, HOSTS.mkb),
    ];
    for (const c of [a, b, kept]) {
      await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/contact', { name: c.secrets.firstName, email: c.email, message: 'Bel me terug.' });
      await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/newsletter', { firstName: c.secrets.firstName, lastName: c.secrets.lastName, email: c.email, optIn: true });
      // A wrong password leaves a sign-in delay counter under the address.
      await on(t, tenant, HOSTS.mkb).post('/auth/login', { email: c.email, password: 'not-the-password-at-all' });
    }
    const handlers = t.get(PersonDataRegistry).all();
    await t.get(TenantDb).forTenant(tenant, async (tx) => {
      for (const name of ['winwinwerkt', 'sign-in-throttle']) await handlers.find((h) => h.name === name)!.eraseMany!(tx, [a.id, b.id]);
    });
    const left = (email: string) =>
      t.get(TenantDb).forTenant(tenant, async (tx) => ({
        contact: (await tx.query(`SELECT 1 FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, email])).length,
        newsletter: (await tx.query(`SELECT 1 FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, email])).length,
      }));
    expect(await left(a.email)).toEqual({ contact: 0, newsletter: 0 });
    expect(await left(b.email)).toEqual({ contact: 0, newsletter: 0 });
    expect(await left(kept.email)).toEqual({ contact: 1, newsletter: 1 });
    const throttles = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM sign_in_throttles WHERE tenant_id = $1`, [tx.tenantId]),
    );
    expect(throttles[0].n).toBe(1);
  });

  it('staff are reminded before the date passes and escalated to once it has', async () => {
    const c = await registeredCandidate(t, tenant, HOSTS.mkb);
    const r = await on(t, tenant, HOSTS.mkb).post('/rights/requests/me', { kind: 'access' }, c.token);
    const [{ email }] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ email: string }>(`SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, staff.id]),
    );
    const aboutIt = async () => {
      await deliverMail(t, tenant);
      return smtp.to(email).filter((m) => m.raw.includes(r.body.reference)).length;
    };
    clock.set('2027-05-07T08:00:00Z');
    await sweepRightsDeadlines(t, tenant);
    expect(await aboutIt()).toBe(1);
    clock.set('2027-05-11T08:00:00Z');
    await sweepRightsDeadlines(t, tenant);
    expect(await aboutIt()).toBe(2);
    await sweepRightsDeadlines(t, tenant);
    expect(await aboutIt()).toBe(2);
  });
});
