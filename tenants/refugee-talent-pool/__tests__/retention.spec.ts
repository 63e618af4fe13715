import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, part, sweepRetention } from '../../../test/support/workers.js';
import { connect, employer, registeredJobseeker, type Jobseeker } from './refugeework.fixture.js';

const T0 = '2026-02-01T09:00:00Z';
/** T0 plus whole calendar months, as the schedule counts them. */
function months(n: number, minutes = 0): string {
  const d = new Date(T0);
  d.setUTCMonth(d.getUTCMonth() + n);
  return new Date(d.getTime() + minutes * 60_000).toISOString();
}

/**
 * Statement 000, "Retention periods": "we will store your information for up to 1.5 years after
 * your last interaction ... After one year, you will receive a reminder that your account will be
 * deleted in six months. In the six months that follow, you will receive an email reminder each
 * month. If you do not respond to any of these emails, your account will be deleted automatically."
 * And for business customers: kept "as long as we have a contract with you".
 */
describe('statement 000: retention through the clock and the real mail path', () => {
  const clock = new FixedClock(T0);
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    clock.set(T0);
    tenant = await t.createTenant('refugee-talent-pool');
  });

  const sql = <R = Record<string, unknown>>(text: string, params: unknown[]) =>
    t.get(TenantDb).forTenant(tenant, (tx) => tx.query<R>(text, [tx.tenantId, ...params]));
  const reminders = (personId: string) =>
    sql<{ template: string; variables: Record<string, string> | null }>(
      `SELECT template, variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template LIKE 'retention-%' ORDER BY created_at, id`,
      [personId],
    );
  const exists = async (personId: string) =>
    (await sql(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [personId])).length === 1;
  const at = async (when: string) => {
    clock.set(when);
    await sweepRetention(t, tenant);
  };

  it('a reminder at 12 months, one each following month, and deletion of everything at 18 months without a response', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const id = await connect(t, person, boss, 'accept');
    await t.http('post', `/connections/${id}/messages`, { tenant: tenant.key, token: person.token, body: { body: 'Hello!' } });
    await at(T0);

    await at(months(12, -1));
    expect(await reminders(person.id)).toEqual([]);
    await at(months(12));
    const [first] = await reminders(person.id);
    expect(first.template).toBe('retention-reminder-first');
    expect(first.variables).toMatchObject({ deadline: 'August 1, 2027', confirmUrl: expect.stringContaining('/retention/respond?token=') });

    for (const m of [13, 14, 15, 16, 17]) {
      await at(months(m));
      await at(months(m, 60));
      expect((await reminders(person.id)).map((r) => r.template)).toEqual([
        'retention-reminder-first',
        ...Array(m - 12).fill('retention-reminder-monthly'),
      ]);
    }

    await at(months(18, -1));
    expect(await exists(person.id)).toBe(true);
    await at(months(18));
    expect(await exists(person.id)).toBe(false);
    for (const [table, column] of [
      ['profiles', 'id'],
      ['connections', 'person_id'],
      ['consent_events', 'person_id'],
    ])
      expect(await sql(`SELECT 1 FROM ${table} WHERE tenant_id = $1 AND ${column} = $2`, [person.id])).toEqual([]);
    expect(await sql(`SELECT 1 FROM connection_messages WHERE tenant_id = $1 AND connection_id = $2`, [id])).toEqual([]);
    expect(await exists(boss.id)).toBe(true);
  });

  it('a sign-in answers the reminders: the clock starts again from that moment', async () => {
    const person = await registeredJobseeker(t, tenant);
    await at(months(12));
    expect(await reminders(person.id)).toHaveLength(1);
    clock.set(months(12, 3 * 24 * 60));
    const login = await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: person.email, password: person.password } });
    expect(login.status).toBe(200);
    await at(months(13));
    await at(months(18));
    expect(await reminders(person.id)).toHaveLength(1);
    expect(await exists(person.id)).toBe(true);
    await at(months(24, 3 * 24 * 60));
    expect((await reminders(person.id)).map((r) => r.template)).toEqual(['retention-reminder-first', 'retention-reminder-first']);
  });

  it('a click on the link in a reminder answers it too', async () => {
    const person = await registeredJobseeker(t, tenant);
    await at(months(12));
    await at(months(13));
    const latest = (await reminders(person.id)).at(-1)!;
    expect(latest.template).toBe('retention-reminder-monthly');
    const link = new URL(latest.variables!.confirmUrl);
    // The link opens a page; its button posts the answer.
    expect((await t.http('get', `${link.pathname}${link.search}`, { tenant: tenant.key })).status).toBe(200);
    const click = await t.http('post', `${link.pathname}${link.search}`, { tenant: tenant.key });
    expect(click.status).toBe(200);
    await at(months(18));
    await at(months(24));
    expect(await exists(person.id)).toBe(true);
    expect(await reminders(person.id)).toHaveLength(2);
  });

  it('the reminder is delivered over SMTP in the person\'s language, with RefugeeWork\'s branding and an unsubscribe link', async () => {
    const english = await registeredJobseeker(t, tenant);
    const dutch = await registeredJobseeker(t, tenant, { locale: 'nl' });
    await deliverMail(t, tenant);
    smtp.received.length = 0;
    await at(months(12));
    await deliverMail(t, tenant);
    const to = (p: Jobseeker) => smtp.received.find((m) => m.to.includes(p.email))!;
    expect(header(to(english).raw, 'Subject')).toBe('Your RefugeeWork account will be deleted in six months');
    expect(header(to(dutch).raw, 'Subject')).toBe('Je RefugeeWork-account wordt over zes maanden verwijderd');
    for (const p of [english, dutch]) {
      const raw = to(p).raw;
      expect(header(raw, 'From')).toContain('RefugeeWork');
      expect(header(raw, 'List-Unsubscribe')).toMatch(/unsubscribe/);
      expect(part(raw, 'text/html')).toContain('#e4003a');
      expect(part(raw, 'text/plain')).toMatch(/\/retention\/respond\?token=/);
    }
  });

  it('business contacts are kept while the contract lasts; when it ends, their data is deleted', async () => {
    const boss = await employer(t, tenant);
    const staff = await t.signedIn(tenant, ['staff']);
    await at(months(36));
    expect(await exists(boss.id)).toBe(true);

    const path = `/refugeework/business-contacts/${boss.id}/contract-end`;
    const future = await t.http('post', path, { tenant: tenant.key, token: await t.login(staff), body: { endedOn: '2099-01-01' } });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('endedOn');
    const ended = await t.http('post', path, { tenant: tenant.key, token: await t.login(staff), body: { endedOn: months(36).slice(0, 10) } });
    expect(ended.status).toBe(200);
    await at(months(36, 60));
    expect(await exists(boss.id)).toBe(true);
    await at(months(36, 24 * 60));
    expect(await exists(boss.id)).toBe(false);
  });

  it('a renewed contract takes the business contact off the schedule again', async () => {
    const boss = await employer(t, tenant);
    const staff = await t.signedIn(tenant, ['staff']);
    const path = `/refugeework/business-contacts/${boss.id}/contract-end`;
    await t.http('post', path, { tenant: tenant.key, token: staff.token, body: { endedOn: T0.slice(0, 10) } });
    expect((await t.http('delete', path, { tenant: tenant.key, token: staff.token })).status).toBe(204);
    await at(months(2));
    expect(await exists(boss.id)).toBe(true);
  });
});
