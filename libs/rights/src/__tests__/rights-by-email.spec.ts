import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import { SmtpCapture, decodedHeader, part } from '../../../mail/src/__tests__/support/smtp-capture.js';
import { activeJobseeker, sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp } from '../../../../test/support/test-app.js';

/**
 * Issue 14: a request "submitted by the person (signed in, or by e-mail confirmation when they
 * cannot sign in)". Holding the mailbox proves who they are; asking tells no one whether the
 * address has an account.
 */
describe('a data-subject request by e-mail confirmation', () => {
  const clock = new FixedClock('2027-04-21T08:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let a: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url } });
    a = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => clock.set('2027-04-21T08:00:00Z'));

  const person = () =>
    activeJobseeker(t, a, { firstName: 'Noor', lastName: `Achterberg-${Math.random().toString(36).slice(2, 8)}` });
  const ask = (email: string, kind = 'access') =>
    t.http('post', '/rights/requests/by-email', { tenant: a.key, body: { email, kind } });
  const confirm = (token: string) => t.http('post', '/rights/requests/confirm', { tenant: a.key, body: { token } });
  async function mailsTo(address: string) {
    await t.settled();
    await t.get(MailDeliveryService).deliverDue(100, a);
    return smtp.to(address).map((m) => ({ subject: decodedHeader(m.raw, 'Subject') ?? '', text: part(m.raw, 'text/plain') ?? '' }));
  }
  const tokenIn = (text: string) => /\/rights\/confirm\?tenant=[^&\s]+&token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const requestsOf = (personId: string) =>
    sql(t, a, `SELECT kind, status, source FROM rights_requests WHERE tenant_id = $1 AND person_id = $2`, [personId]);

  it('the mailbox holder confirms through the mailed link: the request exists from then on, identity verified, and the link works once', async () => {
    const js = await person();
    const asked = await ask(js.email.toUpperCase(), 'erasure');
    expect(asked.status).toBe(202);
    const [mail] = (await mailsTo(js.email)).filter((m) => /verzoek/i.test(m.subject));
    expect(mail).toBeDefined();
    // Nothing is registered before the mailbox holder says so.
    expect(await requestsOf(js.id)).toEqual([]);

    const token = tokenIn(mail.text)!;
    expect(token).toBeDefined();
    const done = await confirm(token);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ kind: 'erasure', status: 'identity-verified', source: 'email', dueOn: '2027-05-21' });
    expect(await requestsOf(js.id)).toEqual([{ kind: 'erasure', status: 'identity-verified', source: 'email' }]);
    expect((await mailsTo(js.email)).some((m) => m.subject.includes(done.body.reference))).toBe(true);

    const again = await confirm(token);
    expect(again.status).toBe(404);
    expect(await requestsOf(js.id)).toHaveLength(1);
  });

  it('a link not used within a day is dead', async () => {
    const js = await person();
    await ask(js.email);
    const [mail] = (await mailsTo(js.email)).filter((m) => /verzoek/i.test(m.subject));
    clock.advance(24 * 3_600_000 + 1_000);
    expect((await confirm(tokenIn(mail.text)!)).status).toBe(404);
    expect(await requestsOf(js.id)).toEqual([]);
  });

  it('an address without an account gets the same answer, and nothing is written or sent', async () => {
    const js = await person();
    const pending = async () =>
      (await sql<{ n: number }>(t, a, `SELECT count(*)::int AS n FROM rights_confirmations WHERE tenant_id = $1`))[0].n;
    const known = await ask(js.email);
    await t.settled();
    const before = await pending();
    const nobody = `nobody-${Date.now()}@example.org`;
    const unknown = await ask(nobody);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await t.settled();
    expect(await pending()).toBe(before);
    expect(await mailsTo(nobody)).toEqual([]);
  });

  it('names the field and the reason for bad input, and refuses a token nobody was sent', async () => {
    const bad = await t.http('post', '/rights/requests/by-email', { tenant: a.key, body: { email: 'not-an-address', kind: 'gossip' } });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['email', 'kind']);
    expect((await confirm('x'.repeat(43))).status).toBe(404);
  });

  it('a browser opening the mailed link gets a page with a button: opening it confirms nothing', async () => {
    const js = await person();
    await ask(js.email);
    const [mail] = (await mailsTo(js.email)).filter((m) => /verzoek/i.test(m.subject));
    const link = new URL(/https?:\/\/\S+\/rights\/confirm\?\S+/.exec(mail.text)![0]);
    const opened = await t.http('get', `${link.pathname}${link.search}`, { headers: { accept: 'text/html' } });
    expect(opened.status).toBe(303);
    const page = await t.http('get', opened.headers.location, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${tokenIn(mail.text)}"`);
    expect(page.text).toMatch(/<form[^>]+method="post"/i);
    expect(await requestsOf(js.id)).toEqual([]);
  });
});
