import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { SmtpCapture, deliverMail, erasePerson, part } from '../../../test/support/workers.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker, textTag, type Person } from './hallowerk.fixture.js';

/**
 * Statement 004: "Op basis van jouw profiel kan een coach of ons e-mailsysteem je persoonlijke en
 * gerichte e-mails sturen, met als doel dat je zelf je eigen profiel kunt verbeteren", and the
 * opens and clicks of "onze persoonlijke e-mails" are part of the activity the person can see.
 */
describe('statement 004: a coach writes the jobseeker a personal mail', () => {
  const clock = new FixedClock('2026-09-01T09:00:00Z');
  let t: TestApp;
  let smtp: SmtpCapture;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;

  const tag = () => textTag();
  const write = (personId: string, token: string, body: Record<string, unknown>, key?: string) =>
    t.http('post', `/hallowerk/people/${personId}/messages`, { tenant: tenant.key, token, body, headers: key ? { 'idempotency-key': key } : {} });
  const sql = <T>(text: string, params: unknown[] = []) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const queuedTo = (p: Person) =>
    sql<{ status: string }>(`SELECT status FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'coach-message'`, [p.id]);
  const sends = () => sql<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'hallowerk.message.send' ORDER BY id`);
  /** A URL of the platform's public address, as the test client calls it. */
  const local = (url: string) => {
    const u = new URL(url.replace(/&amp;/g, '&'));
    return `${u.pathname}${u.search}`;
  };

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    const http = (path: string, body: unknown) => t.http('post', path, { tenant: tenant.key, token: world.ownCoach.token, body });
    expect(
      (
        await http(`/hallowerk/municipalities/${world.units.rotterdam.id}/execution-authorisations`, {
          organisationId: world.units.authorisedExecution.id,
          validFrom: '2026-09-01T09:00:00Z',
          validUntil: '2027-06-01T00:00:00Z',
        })
      ).status,
    ).toBe(201);
    // The support team holds a running grant: it may look "voor beheerdoeleinden", not coach.
    expect(
      (
        await http(`/hallowerk/municipalities/${world.units.rotterdam.id}/support-grants`, {
          supportTeamId: world.units.supportTeam.id,
          validFrom: '2026-09-01T09:00:00Z',
          validUntil: '2026-09-05T09:00:00Z',
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("reaches the person's mailbox with the coach's own words, as one of HalloWerk's tracked personal mails; the log says a mail was sent, never what it said", async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const words = `Ik zag dat je graag buiten werkt ${tag()}.\nVul je motivatie nog aan?`;
    const subject = `Je profiel ${tag()}`;
    const sent = await write(person.id, world.ownCoach.token, { subject, message: words });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ messageId: expect.any(String), repeated: false });

    await t.settled();
    await deliverMail(t, tenant);
    const [mail] = smtp.to(person.shared.contactEmail as string).filter((m) => m.raw.includes(subject.split(' ').pop()!));
    expect(mail).toBeDefined();
    const html = part(mail.raw, 'text/html') ?? '';
    expect(html).toContain(words.split('\n')[0]);
    // Opening it is recorded for the person's own overview and their coach, as for every personal mail.
    const pixel = /<img src="([^"]+\/o\/[^"]+\.gif)"/.exec(html)?.[1];
    expect(pixel).toBeDefined();
    expect((await t.http('get', local(pixel!), {})).status).toBe(200);
    const mine = await t.http('get', '/activity/me', { tenant: tenant.key, token: person.token });
    expect(mine.body.recorded.mails).toContain('coach-message');
    expect(mine.body.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'mail-open', mail: 'coach-message' })]));

    const log = await sends();
    expect(log).toEqual([{ details: { messageId: sent.body.messageId } }]);
    expect(JSON.stringify(log)).not.toContain('buiten werkt');
  });

  it('sent again with the same Idempotency-Key (a double click, a retry), the person gets one mail', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const key = `retry-${tag()}`;
    const body = { subject: 'Afspraak', message: 'Zullen we volgende week bellen?' };
    const first = await write(person.id, world.ownCoach.token, body, key);
    const again = await write(person.id, world.ownCoach.token, body, key);
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(again.body).toEqual({ messageId: first.body.messageId, repeated: true });
    expect(await queuedTo(person)).toHaveLength(1);
    expect((await sends()).filter((s) => s.details.messageId === first.body.messageId)).toHaveLength(1);
    expect((await write(person.id, world.ownCoach.token, body, 'short')).status).toBe(422);
  });

  it('only the coaching side that reaches the person writes: an authorised execution organisation may; a neighbouring or other-region coach, an unauthorised organisation and the support team under its grant find no such person (404), and nothing is queued', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const body = { subject: 'Hallo', message: 'Een bericht' };
    expect((await write(person.id, world.authorisedExecutionOrganisation.token, body)).status).toBe(202);
    for (const outsider of [world.neighbourCoach, world.otherRegionCoach, world.executionOrganisation, world.platformSupport]) {
      const res = await write(person.id, outsider.token, body);
      expect(res.status).toBe(404);
    }
    expect(await queuedTo(person)).toHaveLength(1);
  });

  it('account managers, employers and the functional administrator never write to a jobseeker (403)', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    for (const who of [world.ownAccountManager, world.otherAccountManager, world.employer, world.tenantAdmin])
      expect((await write(person.id, who.token, { subject: 'Hallo', message: 'Een bericht' })).status).toBe(403);
    expect(await queuedTo(person)).toHaveLength(0);
  });

  it('refuses bad input naming the field, and queues nothing: a BSN, an empty or two-line subject, an overlong message', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const problem = async (body: Record<string, unknown>) => {
      const res = await write(person.id, world.ownCoach.token, body);
      return { status: res.status, fields: [...new Set((res.body.errors ?? []).map((e: { field: string }) => e.field))] };
    };
    // "Ook je BSN staat niet in HalloWerk", so not in a mail from it either.
    expect(await problem({ subject: 'Hallo', message: 'Je BSN 111222333 staat verkeerd' })).toEqual({ status: 422, fields: ['message'] });
    expect(await problem({ subject: '   ', message: 'Een bericht' })).toEqual({ status: 400, fields: ['subject'] });
    expect(await problem({ subject: 'Hallo\r\nBcc: iemand@example.test', message: 'Een bericht' })).toEqual({ status: 400, fields: ['subject'] });
    expect(await problem({ subject: 'Hallo', message: 'x'.repeat(5001) })).toEqual({ status: 400, fields: ['message'] });
    expect(await problem({ subject: 'Hallo' })).toEqual({ status: 400, fields: ['message'] });
    expect((await write('not-a-uuid', world.ownCoach.token, { subject: 'Hallo', message: 'Een bericht' })).status).toBe(400);
    expect(await queuedTo(person)).toHaveLength(0);
  });

  it('a mail still waiting in the outbox goes with the person when they are erased', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const words = `Persoonlijk bericht ${tag()}`;
    expect((await write(person.id, world.ownCoach.token, { subject: 'Hallo', message: words })).status).toBe(202);
    await erasePerson(t, tenant, person.id);
    expect(await queuedTo(person)).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM mail_messages WHERE tenant_id = $1 AND variables::text LIKE $2`, [`%${words}%`])).toHaveLength(0);
  });
});
