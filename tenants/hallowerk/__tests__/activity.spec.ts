import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import {
  PortalClient,
  SmtpCapture,
  decodeHtml,
  deliverMail,
  erasePerson,
  failNextMailEnqueue,
  part,
  reminderUnsubscribeUrl,
  sweepNudges,
} from '../../../test/support/workers.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

const PASSWORD = 'een lange zin die ik onthoud';
const DAY = 86_400_000;

/**
 * Statement 004: "Gegevens over jouw activiteiten op HalloWerk en als je onze persoonlijke e-mails
 * opent en op links daarbinnen klikt" are processed so "dat je coach inzicht heeft in je
 * activiteiten (o.a. inloggedrag)"; "op basis van jouw profiel en inloggedrag kan ons e-mailsysteem
 * je wel persoonlijke en gerichte e-mails sturen"; and "het systeem van HalloWerk neemt geen
 * automatische besluiten over zaken die voor jou (aanzienlijke) gevolgen kunnen hebben".
 */
describe('statement 004: activity recorded for the coach, and nudge mails that decide nothing', () => {
  const clock = new FixedClock('2026-09-01T09:00:00Z');
  let t: TestApp;
  let smtp: SmtpCapture;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let person: Person;
  /** The first work-found mail's HTML part, as it reached the person. */
  let workFoundHtml: string;

  const http = (method: Parameters<TestApp['http']>[0], path: string, token?: string, body?: unknown) => t.http(method, path, { tenant: tenant.key, token, body });
  const sql = <T>(text: string, params: unknown[] = []) =>
    t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const signIn = (p: Person) => t.login({ email: p.shared.contactEmail as string, password: PASSWORD, tenant });
  const eventsOf = (p: Person) =>
    sql<{ kind: string; mail_template: string | null; link: number }>(
      `SELECT kind, mail_template, link FROM activity_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY occurred_at, kind, link`,
      [p.id],
    );
  /** Delivers the tenant's outbox over SMTP and returns the HTML parts that reached the person. */
  const deliveredHtml = async (p: Person, subject: RegExp) => {
    await t.settled();
    await deliverMail(t, tenant);
    return smtp
      .to(p.shared.contactEmail as string)
      .filter((m) => subject.test(m.raw))
      .map((m) => part(m.raw, 'text/html') ?? '');
  };
  /** A URL of the platform's public address, as the test client calls it (path and query). */
  const local = (url: string) => {
    const u = new URL(url.replace(/&amp;/g, '&'));
    return `${u.pathname}${u.search}`;
  };
  const nudgesTo = (p: Person) =>
    sql<{ template: string; status: string; variables: Record<string, string> }>(
      `SELECT template, status, variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template LIKE 'nudge-%' ORDER BY created_at`,
      [p.id],
    );
  const sweep = () => sweepNudges(t, tenant);

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('records every sign-in of the jobseeker, and the person reads what is recorded about them', async () => {
    const before = (await eventsOf(person)).filter((e) => e.kind === 'sign-in').length;
    expect(before).toBe(1); // the sign-in after the invitation
    const token = await signIn(person);
    const res = await http('get', '/activity/me', token);
    expect(res.status).toBe(200);
    expect(res.body.recorded).toEqual({
      signIns: true,
      mails: ['coach-message', 'assignment-given', 'work-found', 'nudge-complete-profile', 'nudge-come-back'],
      keptDays: 365,
      nudges: [
        { key: 'complete-profile', atMostEveryDays: 30 },
        { key: 'come-back', atMostEveryDays: 60 },
      ],
    });
    expect(res.body.events.filter((e: { kind: string }) => e.kind === 'sign-in')).toHaveLength(2);
    // Staff sign-ins are no jobseeker's activity.
    expect(await sql(`SELECT 1 FROM activity_events WHERE tenant_id = $1 AND person_id = $2`, [world.ownCoach.id])).toHaveLength(0);
  });

  it('records the opening of a personal mail and a click on its link once each; the link still leads where the mail said', async () => {
    const token = await signIn(person);
    expect((await http('post', '/hallowerk/me/work-found', token)).status).toBe(200);
    const [html] = await deliveredHtml(person, /onzichtbaar|Werk gevonden/);
    expect(html).toBeDefined();
    workFoundHtml = html;
    const pixel = /<img src="([^"]+\/o\/[^"]+\.gif)"/.exec(html)?.[1];
    const click = /href="([^"]+\/c\/[^"]+)"/.exec(html)?.[1];
    expect(pixel).toBeDefined();
    expect(click).toBeDefined();
    const hideUrl = new RegExp(`^https?://[^/]+/t/${tenant.key}/profile$`);

    for (let i = 0; i < 3; i++) {
      const img = await t.http('get', local(pixel!), {});
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toBe('image/gif');
    }
    const followed = await t.http('get', local(click!), {});
    expect(followed.status).toBe(302);
    expect(followed.headers.location).toMatch(hideUrl);
    await t.http('get', local(click!), {});

    const mailEvents = (await eventsOf(person)).filter((e) => e.kind !== 'sign-in');
    expect(mailEvents).toEqual([
      { kind: 'mail-click', mail_template: 'work-found', link: 1 },
      { kind: 'mail-open', mail_template: 'work-found', link: 0 },
    ].sort((a, b) => a.kind.localeCompare(b.kind)));
    // The person sees the same in their own overview: which mail, never where its link led.
    const mine = await http('get', '/activity/me', token);
    expect(mine.body.events.filter((e: { mail: string | null }) => e.mail === 'work-found')).toHaveLength(2);
    expect(JSON.stringify(mine.body)).not.toContain(`/t/${tenant.key}/profile`);
  });

  it('a forged or altered link records nothing and leads nowhere; another tenant cannot use the link', async () => {
    const click = local(/href="([^"]+\/c\/[^"]+)"/.exec(workFoundHtml)![1]);
    const pixel = local(/<img src="([^"]+\/o\/[^"]+\.gif)"/.exec(workFoundHtml)![1]);
    const before = (await eventsOf(person)).length;

    // Pointed elsewhere: not an open redirect.
    const elsewhere = click.replace(/\?u=.*$/, `?u=${encodeURIComponent('https://evil.example/login')}`);
    expect((await t.http('get', elsewhere, {})).status).toBe(404);
    // A token changed by one character, and a made-up one.
    const flipped = click.replace(/\/c\/(.)/, (_, c: string) => `/c/${c === 'A' ? 'B' : 'A'}`);
    expect((await t.http('get', flipped, {})).status).toBe(404);
    expect((await t.http('get', pixel.replace(/\/o\/[^.]+/, '/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), {})).status).toBe(200);
    // The same link under another tenant's key.
    const other = await t.createTenant('hallowerk');
    expect((await t.http('get', click.replace(`/mail/t/${tenant.key}/`, `/mail/t/${other.key}/`), {})).status).toBe(404);
    await t.http('get', pixel.replace(`/mail/t/${tenant.key}/`, `/mail/t/${other.key}/`), {});
    expect((await eventsOf(person)).length).toBe(before);
  });

  it('tracks only the declared personal mails: the invitation with its secret link carries no pixel and no redirected link', async () => {
    const invitation = smtp.to(person.shared.contactEmail as string).map((m) => part(m.raw, 'text/html') ?? '').find((h) => /token(=|&#x3D;)/.test(h));
    expect(invitation).toBeDefined();
    expect(invitation).not.toMatch(/\/mail\/t\/[^/]+\/(o|c)\//);
  });

  it('the coach of the own municipality reads the activity, audited; nobody outside the dossier learns the person exists', async () => {
    const as = async (who: { email: string; password: string; tenant: TenantRef }) =>
      (await http('get', `/activity/people/${person.id}`, await t.login(who))).status;
    const res = await http('get', `/activity/people/${person.id}`, await t.login(world.ownCoach));
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['sign-in', 'mail-open', 'mail-click']));
    expect(await sql(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'activity.read'`)).toHaveLength(1);

    const unknown = await http('get', `/activity/people/${world.ownCoach.id}`, await t.login(world.ownCoach));
    for (const who of [world.neighbourCoach, world.otherRegionCoach, world.executionOrganisation, world.otherAccountManager]) {
      const denied = await http('get', `/activity/people/${person.id}`, await t.login(who));
      expect({ status: denied.status, body: denied.body.detail }).toEqual({ status: 404, body: unknown.body.detail });
    }
    expect(await as(world.employer)).toBe(403);
    expect(await as(world.tenantAdmin)).toBe(403);
    expect(await sql(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'activity.read'`)).toHaveLength(1);
  });

  it('an execution organisation authorised by the municipality reads it; the support team, even with a grant, does not', async () => {
    const now = clock.now();
    const until = new Date(now.getTime() + 10 * DAY).toISOString();
    const coach = await t.login(world.ownCoach);
    const base = `/hallowerk/municipalities/${world.units.rotterdam.id}`;
    expect(
      (await http('post', `${base}/execution-authorisations`, coach, { organisationId: world.units.authorisedExecution.id, validFrom: now.toISOString(), validUntil: until })).status,
    ).toBe(201);
    expect((await http('post', `${base}/support-grants`, coach, { supportTeamId: world.units.supportTeam.id, validFrom: now.toISOString(), validUntil: until })).status).toBe(201);
    expect((await http('get', `/activity/people/${person.id}`, await t.login(world.authorisedExecutionOrganisation))).status).toBe(200);
    // Support may open the profile for maintenance, but activity is coaching, not maintenance.
    const support = await t.login(world.platformSupport);
    expect((await http('get', `/profiles/${person.id}`, support)).status).toBe(200);
    expect((await http('get', `/activity/people/${person.id}`, support)).status).toBe(404);
  });

  it('on the web: the person reads their activity under "my data", the coach on the dossier page; the support team sees the dossier without it', async () => {
    const me = new PortalClient(t, tenant.key);
    await me.signIn(String(person.shared.contactEmail), PASSWORD);
    const mine = decodeHtml((await me.get('/my-data')).text);
    expect(mine).toContain('Uw activiteit');
    expect(mine).toContain('Wij bewaren het 365 dagen');
    expect(mine).toContain('E-mail geopend (work-found)');
    expect(mine).toContain('Op een link geklikt in e-mail (work-found)');
    expect(mine).toContain('Ingelogd');

    const reads = async () => (await sql(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'activity.read'`)).length;
    const before = await reads();
    const coach = new PortalClient(t, tenant.key);
    await coach.signIn(world.ownCoach.email, world.ownCoach.password);
    const dossier = decodeHtml((await coach.get(`/people/${person.id}`)).text);
    expect(dossier).toContain('Uw activiteit');
    expect(dossier).toContain('E-mail geopend (work-found)');
    expect(await reads()).toBe(before + 1);

    const support = new PortalClient(t, tenant.key);
    await support.signIn(world.platformSupport.email, world.platformSupport.password);
    const maintained = await support.get(`/people/${person.id}`);
    expect(maintained.status).toBe(200);
    expect(decodeHtml(maintained.text)).not.toContain('Uw activiteit');
    const neighbour = new PortalClient(t, tenant.key);
    await neighbour.signIn(world.neighbourCoach.email, world.neighbourCoach.password);
    expect((await neighbour.get(`/people/${person.id}`)).status).toBe(404);
    expect(await reads()).toBe(before + 1);
  });

  describe('nudges', () => {
    let incomplete: Person;
    let complete: Person;
    let profileBefore: unknown;

    beforeAll(async () => {
      incomplete = await municipalJobseeker(t, tenant, { coachToken: await t.login(world.ownCoach), visible: true });
      complete = await municipalJobseeker(t, tenant, { coachToken: await t.login(world.ownCoach), visible: false });
      // The person left their motivation and interests open.
      await sql(`UPDATE profiles SET fields = fields - 'motivation' - 'interests' WHERE tenant_id = $1 AND id = $2`, [incomplete.id]);
      profileBefore = (await http('get', '/profiles/me', incomplete.token)).body;
    });

    it('mails the person who left fields open a week after their last sign-in, naming those fields, at most every 30 days', async () => {
      await sweep();
      expect(await nudgesTo(incomplete)).toHaveLength(0); // signed in today

      clock.advanceDays(8);
      const report = await sweep();
      expect(report.nudged).toBeGreaterThanOrEqual(1);
      const [mail] = await nudgesTo(incomplete);
      expect(mail.template).toBe('nudge-complete-profile');
      expect(mail.variables.missingFields).toBe('Motivatie, Interesses');
      expect(mail.variables.profileUrl).toMatch(new RegExp(`/t/${tenant.key}/profile$`));
      expect(await nudgesTo(complete)).toHaveLength(0);

      await sweep();
      clock.advanceDays(10);
      await sweep();
      expect(await nudgesTo(incomplete)).toHaveLength(1);
      clock.advanceDays(21);
      await sweep();
      expect((await nudgesTo(incomplete)).map((m) => m.template)).toEqual(['nudge-complete-profile', 'nudge-complete-profile']);
      expect(await sql(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'activity.nudge'`)).toHaveLength(2);
    });

    it('mails someone who stays away for 60 days to come back; a nudge changes nothing of the profile (no automated decision)', async () => {
      clock.advanceDays(22); // 61 days after the last sign-in
      expect((await sweep()).eventsPurged).toBe(0);
      expect((await nudgesTo(complete)).map((m) => m.template)).toEqual(['nudge-come-back']);
      const token = await signIn(incomplete);
      const after = (await http('get', '/profiles/me', token)).body;
      expect(after).toEqual(profileBefore);
    });

    it('two sweeps at once send each nudge once; a sweep that fails half-way sends nothing, and the next one sends it once', async () => {
      const late = await municipalJobseeker(t, tenant, { coachToken: await t.login(world.ownCoach), visible: true });
      await sql(`UPDATE profiles SET fields = fields - 'kindOfWork' WHERE tenant_id = $1 AND id = $2`, [late.id]);
      clock.advanceDays(8);

      const restore = failNextMailEnqueue(t);
      const failed = await sweep();
      restore();
      expect(failed.failedPages).toBe(1);
      expect(await nudgesTo(late)).toHaveLength(0);
      expect(await sql(`SELECT 1 FROM activity_nudges WHERE tenant_id = $1 AND person_id = $2`, [late.id])).toHaveLength(0);

      await Promise.all([sweep(), sweep(), sweep()]);
      expect((await nudgesTo(late)).map((m) => m.template)).toEqual(['nudge-complete-profile']);
    });

    it('a person who unsubscribed from reminders gets no nudge: it is recorded as suppressed, never sent', async () => {
      const quiet = await municipalJobseeker(t, tenant, { coachToken: await t.login(world.ownCoach), visible: true });
      await sql(`UPDATE profiles SET fields = fields - 'talents' - 'motivation' WHERE tenant_id = $1 AND id = $2`, [quiet.id]);
      // The footer link of any reminder, as the person would follow it.
      const unsubscribe = reminderUnsubscribeUrl(t, tenant, quiet.shared.contactEmail as string, quiet.id);
      expect((await t.http('post', local(unsubscribe), { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
      clock.advanceDays(8);
      await sweep();
      expect((await nudgesTo(quiet)).map((m) => m.status)).toEqual(['suppressed']);
    });
  });

  it('erasing the person removes every event and nudge of theirs, and their old mail records nothing any more', async () => {
    const token = await signIn(person);
    await http('post', '/hallowerk/me/work-found', token);
    const htmls = await deliveredHtml(person, /onzichtbaar|Werk gevonden/);
    const pixel = local(/<img src="([^"]+\/o\/[^"]+\.gif)"/.exec(htmls[htmls.length - 1])![1]);
    await erasePerson(t, tenant, person.id);
    expect(await sql(`SELECT 1 FROM activity_events WHERE tenant_id = $1 AND person_id = $2`, [person.id])).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM activity_nudges WHERE tenant_id = $1 AND person_id = $2`, [person.id])).toHaveLength(0);
    expect((await t.http('get', pixel, {})).status).toBe(200);
    expect(await sql(`SELECT 1 FROM activity_events WHERE tenant_id = $1 AND person_id = $2`, [person.id])).toHaveLength(0);
  });

  it('deletes events once they are older than the year HalloWerk keeps them', async () => {
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM activity_events WHERE tenant_id = $1`);
    expect(n).toBeGreaterThan(0);
    clock.advanceDays(366);
    const report = await sweep();
    expect(report.eventsPurged).toBe(n);
    expect(await sql(`SELECT 1 FROM activity_events WHERE tenant_id = $1`)).toHaveLength(0);
  });

  it('a tenant that declares no activity records no sign-in and shows nobody any', async () => {
    const bank = await t.createTenant('kandidatenbank');
    const jobseeker = await t.signedIn(bank, ['jobseeker']);
    const staff = await t.signedIn(bank, ['staff']);
    expect(
      await t.get(TenantDb).forTenant(bank, (tx) => tx.query(`SELECT 1 FROM activity_events WHERE tenant_id = $1`, [tx.tenantId])),
    ).toHaveLength(0);
    const mine = await t.http('get', '/activity/me', { tenant: bank.key, token: jobseeker.token });
    expect(mine.body).toEqual({ recorded: null, events: [], nudges: [] });
    expect((await t.http('get', `/activity/people/${jobseeker.id}`, { tenant: bank.key, token: staff.token })).status).toBe(404);
  });
});
