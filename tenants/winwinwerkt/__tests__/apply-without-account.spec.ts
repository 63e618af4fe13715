import { randomBytes } from 'node:crypto';
import { FixedClock, TenantDb, UnverifiedRegistrations, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { dumpDatabase, findTraces } from '../../../test/support/trace-scan.js';
import { PendingApplicationsService } from '../winwinwerkt.pending-applications.service.js';
import { HOSTS, PASSWORD, mailsTo, on, registeredCandidate } from './winwinwerkt.fixture.js';

const vacancy = (title: string) => ({
  title,
  description: `${title}: een vacature van een klant van WinWinWerkt op de site van een label.`,
  location: { city: 'Utrecht', country: 'NL' },
  hours: { min: 16, max: 32 },
  contractType: 'permanent',
  educationLevel: 'vocational',
  publishUntil: '2099-12-31T00:00:00.000Z',
  status: 'published',
});

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

/**
 * Statement 003, 2.4: "Solliciteer je op een vacature van een label ... dan worden je gegevens
 * opgenomen in de database van WinWinWerkt in de vorm van je eigen profiel. Je ontvangt een
 * wachtwoord waarmee je zelf aanpassingen kan doen." Someone without an account applies in the
 * request that creates it; nothing reaches a client before whoever holds the mailbox confirms.
 */
describe('statement 003: applying to a label vacancy without an account', () => {
  const clock = new FixedClock('2027-04-06T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let clientUnit: { id: string };
  let client: { token: string };
  let otherClient: { token: string };
  // Sessions end while the clock walks: the client signs in again afterwards.
  const signInClient = async () => (client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [clientUnit.id] }));

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('winwinwerkt');
    clientUnit = await t.createOrgUnit(tenant, 'employer');
    await signInClient();
    otherClient = await t.signedIn(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer')).id] });
  });
  afterAll(() => t?.close());

  const publish = async (title: string) => (await on(t, tenant, HOSTS.mkb).post('/manage/vacancies', vacancy(title), client.token)).body.id as string;
  const rows = (sql: string, params: unknown[], ref = tenant) => t.get(TenantDb).forTenant(ref, (tx) => tx.query(sql, [tx.tenantId, ...params]));
  const applicationsSeenBy = async (token: string, vacancyId: string) =>
    (await t.http('get', `/vacancies/${vacancyId}/applications`, { tenant: tenant.key, token })).body;
  const applyWithoutAccount = async (vacancyId: string, email: string, extra: Record<string, unknown> = {}) => {
    const res = await on(t, tenant, HOSTS.mkb).post(`/winwinwerkt/vacancies/${vacancyId}/apply-without-account`, {
      email,
      firstName: 'Sanne',
      lastName: 'de Bakker',
      statementVersion: '1.3',
      motivation: 'Ik bak graag brood.',
      joinEtalage: false,
      ...extra,
    });
    await t.settled();
    return res;
  };
  const newAddress = () => `nieuw-${randomBytes(4).toString('hex')}@mail.example`;

  it('keeps the application from every client until the mailbox holder uses the link, then submits it as a signed-in apply would', async () => {
    const vacancyId = await publish('Bakker zonder account');
    const email = newAddress();
    const res = await applyWithoutAccount(vacancyId, email, { motivation: 'Ik sta graag om vier uur op.' });
    expect([res.status, res.body]).toEqual([202, { status: 'check-your-mail' }]);

    // Pending: no client sees it, nothing counts it.
    const asClient = await applicationsSeenBy(client.token, vacancyId);
    expect(JSON.stringify(asClient)).not.toContain('vier uur');
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND vacancy_id = $2`, [vacancyId])).toEqual([]);

    // The verification link (on the platform's address, not the label's) proves the mailbox and sets the password.
    const [verify] = await mailsTo(t, tenant, email, 'verify-email');
    expect(verify.brand).toBe('vacatureservicemkb');
    const verified = await t.http('post', '/profiles/verify-email', { tenant: tenant.key, body: { token: tokenOf(verify.variables!.verifyUrl), password: PASSWORD } });
    expect(verified.status).toBe(200);

    const [application] = await rows(`SELECT id, applicant_id, motivation, status FROM applications WHERE tenant_id = $1 AND vacancy_id = $2`, [vacancyId]);
    expect(application).toMatchObject({ applicant_id: verify.person_id, motivation: 'Ik sta graag om vier uur op.', status: 'submitted' });
    expect(JSON.stringify(await applicationsSeenBy(client.token, vacancyId))).toContain('vier uur');
    expect((await t.http('get', `/applications/${application.id}`, { tenant: tenant.key, token: client.token })).status).toBe(200);
    expect((await t.http('get', `/applications/${application.id}`, { tenant: tenant.key, token: otherClient.token })).status).toBe(404);
    // The same rows and audit as the signed-in apply step: the statement with the label applied on, the Etalage answer.
    expect(await rows(`SELECT version, label, vacancy_id, etalage_answer FROM winwinwerkt_statement_acceptances WHERE tenant_id = $1 AND person_id = $2`, [verify.person_id])).toEqual([
      { version: '1.3', label: 'vacatureservicemkb', vacancy_id: vacancyId, etalage_answer: false },
    ]);
    expect(await rows(`SELECT actor_kind FROM audit_log WHERE tenant_id = $1 AND action = 'application.submit' AND subject_id = $2`, [application.id])).toEqual([{ actor_kind: 'account' }]);
    expect(await rows(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND person_id = $2`, [verify.person_id])).toEqual([]);
    // And the person signs in with the password chosen at the link: one account, one profile.
    const token = await t.login({ email, password: PASSWORD, tenant });
    expect((await on(t, tenant, HOSTS.mkb).get('/me/applications', token)).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: application.id })]));
  });

  it('answers an address that already has an account the same, and mails its holder a link that confirms this application: no second person', async () => {
    const vacancyId = await publish('Bakker voor bekenden');
    const known = await registeredCandidate(t, tenant, HOSTS.mkb);
    const forNew = await applyWithoutAccount(vacancyId, newAddress());
    const forKnown = await applyWithoutAccount(vacancyId, known.email.toUpperCase(), { motivation: 'Ik ken jullie al.' });
    expect([forKnown.status, forKnown.body]).toEqual([forNew.status, forNew.body]);

    expect(await rows(`SELECT id FROM accounts WHERE tenant_id = $1 AND lower(email) = $2`, [known.email])).toEqual([{ id: known.id }]);
    expect(await mailsTo(t, tenant, known.email, 'password-reset')).toEqual([]);
    const [confirmMail] = await mailsTo(t, tenant, known.email, 'application-confirm');
    expect(confirmMail.brand).toBe('vacatureservicemkb');
    const token = tokenOf(confirmMail.variables!.confirmUrl);
    expect(JSON.stringify(await applicationsSeenBy(client.token, vacancyId))).not.toContain('Ik ken jullie al.');

    // Opening the link changes nothing (mail scanners open links); a forged token names the field.
    expect((await t.http('get', `/winwinwerkt/pending-applications/confirm?token=${token}`, { tenant: tenant.key })).status).toBe(200);
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND applicant_id = $2`, [known.id])).toEqual([]);
    const forged = await t.http('post', `/winwinwerkt/pending-applications/confirm?token=${token}x`, { tenant: tenant.key });
    expect([forged.status, fields(forged)]).toEqual([400, ['token']]);

    const confirmed = await t.http('post', `/winwinwerkt/pending-applications/confirm?token=${token}`, { tenant: tenant.key });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.application).toMatchObject({ id: expect.any(String) });
    expect(JSON.stringify(await applicationsSeenBy(client.token, vacancyId))).toContain('Ik ken jullie al.');
    expect(JSON.stringify(await applicationsSeenBy(otherClient.token, vacancyId))).not.toContain('Ik ken jullie al.');
    const again = await t.http('post', `/winwinwerkt/pending-applications/confirm?token=${token}`, { tenant: tenant.key });
    expect([again.status, fields(again)]).toEqual([400, ['token']]);
  });

  it("another tenant's link confirms nothing here, and this tenant's link nothing there", async () => {
    const other = await t.createTenant('winwinwerkt');
    const vacancyId = await publish('Bakker, niet elders');
    const known = await registeredCandidate(t, tenant, HOSTS.mkb);
    await applyWithoutAccount(vacancyId, known.email);
    const [confirmMail] = await mailsTo(t, tenant, known.email, 'application-confirm');
    const elsewhere = await t.http('post', `/winwinwerkt/pending-applications/confirm?token=${tokenOf(confirmMail.variables!.confirmUrl)}`, { tenant: other.key });
    expect([elsewhere.status, fields(elsewhere)]).toEqual([400, ['token']]);
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND applicant_id = $2`, [known.id])).toEqual([]);
    expect(await rows(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND person_id = $2`, [known.id])).toHaveLength(1);

    // A new address's verification link, used at the other tenant, neither verifies nor submits.
    const email = newAddress();
    await applyWithoutAccount(vacancyId, email);
    const [verify] = await mailsTo(t, tenant, email, 'verify-email');
    const wrong = await t.http('post', '/profiles/verify-email', { tenant: other.key, body: { token: tokenOf(verify.variables!.verifyUrl), password: PASSWORD } });
    expect([wrong.status, fields(wrong)]).toEqual([400, ['token']]);
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND applicant_id = $2`, [verify.person_id])).toEqual([]);
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing: no account, no pending application, no mail', async () => {
    const vacancyId = await publish('Bakker, streng');
    const email = newAddress();
    const cases: [Record<string, unknown>, number, string[]][] = [
      [{ motivation: 'Mijn BSN is 111 222 333.' }, 422, ['motivation']],
      [{ motivation: 'Loon op NL91 ABNA 0417 1643 00 graag.' }, 422, ['motivation']],
      [{ statementVersion: '1.2' }, 400, ['statementVersion']],
      [{ joinEtalage: 'ja' }, 400, ['joinEtalage']],
      [{ joinEtalage: true }, 422, ['coachOrganisationId']],
      [{ joinEtalage: true, coachOrganisationId: tenant.id }, 422, ['coachOrganisationId']],
      [{ lastName: '' }, 400, ['lastName']],
      [{ firstName: 'Piet 111222333' }, 422, ['fields.firstName']],
      [{ locale: 'de' }, 422, ['locale']],
      [{ documentIds: [tenant.id] }, 400, ['documentIds']],
    ];
    for (const [extra, status, named] of cases) {
      const res = await applyWithoutAccount(vacancyId, email, extra);
      expect([JSON.stringify(extra), res.status, fields(res)]).toEqual([JSON.stringify(extra), status, named]);
    }
    const badAddress = await applyWithoutAccount(vacancyId, 'geen-adres');
    expect([badAddress.status, fields(badAddress)]).toEqual([400, ['email']]);
    expect((await applyWithoutAccount(tenant.id, email)).status).toBe(404);
    expect((await on(t, tenant, HOSTS.werkweb).post(`/winwinwerkt/vacancies/${vacancyId}/apply-without-account`, { email, firstName: 'A', lastName: 'B', statementVersion: '1.3', motivation: 'x', joinEtalage: false })).status).toBe(404);
    await t.settled();

    expect(await rows(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND email = $2`, [email])).toEqual([]);
    expect(await rows(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND vacancy_id = $2`, [vacancyId])).toEqual([]);
    expect(await rows(`SELECT 1 FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`, [email])).toEqual([]);
  });
  it('deletes the pending application and everything of the person when the link is never used', async () => {
    const vacancyId = await publish('Bakker die wacht');
    const tag = randomBytes(5).toString('hex');
    const email = `vergeten-${tag}@mail.example`;
    await applyWithoutAccount(vacancyId, email, { firstName: `Voornaam${tag}`, lastName: `Achternaam${tag}`, motivation: `Motivatie-${tag}` });
    const [verify] = await mailsTo(t, tenant, email, 'verify-email');
    const personId = verify.person_id!;
    const needles = { address: email, 'person id': personId, 'first name': `Voornaam${tag}`, 'last name': `Achternaam${tag}`, motivation: `Motivatie-${tag}` };
    const scan = async () => findTraces(needles, { database: (await dumpDatabase(t.prepared.ownerUrl)).text });
    expect(new Set((await scan()).map((tr) => tr.what))).toEqual(new Set(Object.keys(needles)));
    const expire = () => t.get(TenantDb).forTenant(tenant, () => t.get(UnverifiedRegistrations).expire());

    // Within the link's 72 hours nothing goes.
    clock.advance(71 * 3_600_000);
    await expire();
    expect(await rows(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND person_id = $2`, [personId])).toHaveLength(1);

    clock.advance(2 * 3_600_000);
    await expire();
    expect(await scan()).toEqual([]);
    await signInClient();
    // The expired link proves nothing any more.
    const late = await t.http('post', '/profiles/verify-email', { tenant: tenant.key, body: { token: tokenOf(verify.variables!.verifyUrl), password: PASSWORD } });
    expect([late.status, fields(late)]).toEqual([400, ['token']]);
    expect(JSON.stringify(await applicationsSeenBy(client.token, vacancyId))).not.toContain(tag);
  }, 60_000);

  it("an existing account's unconfirmed application goes when its link expires; the account stays", async () => {
    await signInClient();
    const vacancyId = await publish('Bakker, onbevestigd');
    const known = await registeredCandidate(t, tenant, HOSTS.mkb);
    await applyWithoutAccount(vacancyId, known.email);
    const [confirmMail] = await mailsTo(t, tenant, known.email, 'application-confirm');
    clock.advance(73 * 3_600_000);
    await t.get(TenantDb).forTenant(tenant, () => t.get(PendingApplicationsService).deleteExpired());
    await t.get(TenantDb).forTenant(tenant, () => t.get(UnverifiedRegistrations).expire());
    expect(await rows(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND person_id = $2`, [known.id])).toEqual([]);
    expect(await rows(`SELECT id FROM accounts WHERE tenant_id = $1 AND id = $2`, [known.id])).toEqual([{ id: known.id }]);
    const late = await t.http('post', `/winwinwerkt/pending-applications/confirm?token=${tokenOf(confirmMail.variables!.confirmUrl)}`, { tenant: tenant.key });
    expect([late.status, fields(late)]).toEqual([400, ['token']]);
  });

});

describe('statement 003: applying without an account is rate limited like registration', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ env: { RATE_LIMIT_REGISTRATION_PER_CLIENT: '4', RATE_LIMIT_REGISTRATION_PER_ADDRESS: '2' } });
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(() => t?.close());

  it('per address and per client: the answer past the limit is a 429 with Retry-After', async () => {
    const client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer')).id] });
    const vacancyId = (await on(t, tenant, HOSTS.mkb).post('/manage/vacancies', vacancy('Bakker, druk'), client.token)).body.id as string;
    const apply = (email: string) =>
      on(t, tenant, HOSTS.mkb).post(`/winwinwerkt/vacancies/${vacancyId}/apply-without-account`, {
        email, firstName: 'Sanne', lastName: 'de Bakker', statementVersion: '1.3', motivation: 'Graag.', joinEtalage: false,
      });
    const victim = `doelwit-${randomBytes(4).toString('hex')}@mail.example`;
    expect([(await apply(victim)).status, (await apply(victim)).status]).toEqual([202, 202]);
    const perAddress = await apply(victim);
    expect([perAddress.status, Number(perAddress.headers['retry-after']) > 0]).toEqual([429, true]);
    expect((await apply(`ander-${randomBytes(4).toString('hex')}@mail.example`)).status).toBe(202);
    expect((await apply(`nog-een-${randomBytes(4).toString('hex')}@mail.example`)).status).toBe(429);
    await t.settled();
  });
});
