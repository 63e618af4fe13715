import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TEST_PASSWORD, TestApp } from '../../../test/support/test-app.js';
import { PortalClient, decodeHtml } from '../../../test/support/workers.js';
import { HOSTS, mailsTo, on, registeredCandidate, PASSWORD } from './winwinwerkt.fixture.js';

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

/**
 * Statement 003 on the web: applying on a label's site asks what the API asks (the statement
 * version shown now and "wil je in de Talenten Etalage?", no default), for candidates who are
 * signed in and for visitors without an account; the platform's own apply form is no way round
 * those questions; the Talenten Etalage shows no one's identity and exists on Onbekend Talent's site
 * only; a candidate puts themselves in it and takes themselves out.
 */
describe('statement 003: applying and the Talenten Etalage on the label sites', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let client: { token: string };
  let coachOrg: { id: string; name?: string };
  let coach: { email: string };
  const rows = <T extends object>(sql: string, params: unknown[] = []) =>
    t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(sql, [tx.tenantId, ...params]));
  const publish = async (title: string, host: string = HOSTS.mkb) => (await on(t, tenant, host).post('/manage/vacancies', vacancy(title), client.token)).body.id as string;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
    const unit = await t.createOrgUnit(tenant, 'employer');
    client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    coachOrg = await t.createOrgUnit(tenant, 'partner-organisation');
    coach = await t.createAccount(tenant, ['partner'], { orgUnitIds: [coachOrg.id] });
  });
  afterAll(() => t?.close());

  it("sends every visitor of a vacancy to the tenant's apply page, and the platform's own apply form there too", async () => {
    const id = await publish('Bakker (dagdienst)');
    const visitor = new PortalClient(t, tenant.key, HOSTS.mkb);
    const page = await visitor.get(`/vacancies/${id}`);
    expect(page.status).toBe(200);
    expect(decodeHtml(page.text)).toContain(`/t/${tenant.key}/x/apply?vacancy=${id}`);
    const candidate = await registeredCandidate(t, tenant, HOSTS.mkb);
    const web = new PortalClient(t, tenant.key, HOSTS.mkb);
    await web.signIn(candidate.email, PASSWORD);
    for (const res of [await web.get(`/vacancies/${id}/apply`), await web.post(`/vacancies/${id}/apply`, { motivation: 'Zonder de vragen.' }, { from: '/profile' })]) {
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/t/${tenant.key}/x/apply?vacancy=${id}`);
    }
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND vacancy_id = $2`, [id])).toEqual([]);
  });

  it('a visitor without an account who skips a question gets each problem next to its field, and nothing is kept', async () => {
    const id = await publish('Verkoper');
    const visitor = new PortalClient(t, tenant.key, HOSTS.mkb);
    const email = `zonder-${Date.now()}@mail.example`;
    const res = await visitor.post(`/x/apply?vacancy=${id}`, { _action: 'apply', firstName: 'Sanne', lastName: 'de Bakker', email, motivation: 'Ik verkoop graag.' });
    expect(res.status).toBe(422);
    const html = decodeHtml(res.text);
    expect(html).toMatch(/id="f-joinEtalage-error">must be true or false/);
    expect(html).toMatch(/id="f-statement-error">must be the statement version shown now \(1\.3\)/);
    // What was typed stays.
    expect(html).toContain('value="Sanne"');
    await t.settled();
    expect(await rows(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND email = $2`, [email])).toEqual([]);
    expect(await rows(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND vacancy_id = $2`, [id])).toEqual([]);
  });

  it('a visitor without an account applies in one form: the application waits for the link in the mail, in the label\'s look', async () => {
    const id = await publish('Bakker (nachtdienst)');
    const visitor = new PortalClient(t, tenant.key, HOSTS.mkb);
    const email = `nacht-${Date.now()}@mail.example`;
    const res = await visitor.post(`/x/apply?vacancy=${id}`, {
      _action: 'apply',
      firstName: 'Sanne',
      lastName: 'de Bakker',
      email,
      motivation: 'Ik bak graag brood in de nacht.',
      joinEtalage: 'no',
      acceptStatement: 'on',
    });
    expect(res.status).toBe(303);
    const sent = await visitor.follow(res);
    expect(decodeHtml(sent.text)).toContain('Kijk in je mailbox');
    await t.settled();
    const pending = await rows<{ motivation: string; statement_version: string; join_etalage: boolean; host: string }>(
      `SELECT motivation, statement_version, join_etalage, host FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND vacancy_id = $2`,
      [id],
    );
    expect(pending).toEqual([{ motivation: 'Ik bak graag brood in de nacht.', statement_version: '1.3', join_etalage: false, host: HOSTS.mkb }]);
    const [verify] = await mailsTo(t, tenant, email, 'verify-email');
    expect(verify.brand).toBe('vacatureservicemkb');
    // No client sees it before the mailbox is proven.
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND vacancy_id = $2`, [id])).toEqual([]);
  });

  it('a signed-in candidate answers both questions and applies in one step; a yes to the Etalage names the coach', async () => {
    const id = await publish('Gastvrouw');
    const candidate = await registeredCandidate(t, tenant, HOSTS.mkb);
    const web = new PortalClient(t, tenant.key, HOSTS.mkb);
    await web.signIn(candidate.email, PASSWORD);
    const form = await web.get(`/x/apply?vacancy=${id}`);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain('name="email"');
    const yesWithoutCoach = await web.post(`/x/apply?vacancy=${id}`, { _action: 'apply', motivation: 'Ik ontvang graag gasten.', joinEtalage: 'yes', acceptStatement: 'on' });
    expect(yesWithoutCoach.status).toBe(422);
    expect(decodeHtml(yesWithoutCoach.text)).toMatch(/id="f-coach-error">name the reintegration partner/);
    expect(await rows(`SELECT 1 FROM applications WHERE tenant_id = $1 AND vacancy_id = $2`, [id])).toEqual([]);
    const done = await web.post(`/x/apply?vacancy=${id}`, {
      _action: 'apply',
      motivation: 'Ik ontvang graag gasten.',
      joinEtalage: 'yes',
      coachOrganisationId: coachOrg.id,
      acceptStatement: 'on',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toContain(`/t/${tenant.key}/applications`);
    expect(await rows(`SELECT motivation FROM applications WHERE tenant_id = $1 AND vacancy_id = $2`, [id])).toEqual([{ motivation: 'Ik ontvang graag gasten.' }]);
    expect(await rows(`SELECT coach_org_id FROM winwinwerkt_etalage WHERE tenant_id = $1 AND person_id = $2`, [candidate.id])).toEqual([{ coach_org_id: coachOrg.id }]);
  });

  it("a vacancy of another label's site is a page that does not exist", async () => {
    const id = await publish('Tuinman', HOSTS.mkb);
    const elsewhere = new PortalClient(t, tenant.key, HOSTS.werkweb);
    expect((await elsewhere.get(`/x/apply?vacancy=${id}`)).status).toBe(404);
    expect((await elsewhere.get('/x/apply?vacancy=not-an-id')).status).toBe(404);
  });

  it('the Etalage shows no identity, on the Onbekend Talent site only; an employer writes to the coach, never to the candidate', async () => {
    const talent = await registeredCandidate(t, tenant, HOSTS.onbekendTalent, { fields: { desiredJob: 'Conciërge', city: 'Baarn' } });
    const mine = new PortalClient(t, tenant.key, HOSTS.onbekendTalent);
    await mine.signIn(talent.email, PASSWORD);
    const joined = await mine.post('/x/my-etalage', { _action: 'join', coachOrganisationId: coachOrg.id });
    expect(joined.status).toBe(303);
    expect(decodeHtml((await mine.follow(joined)).text)).toContain('Je staat in de Talenten Etalage');
    const [{ id: entryId }] = await rows<{ id: string }>(`SELECT id FROM winwinwerkt_etalage WHERE tenant_id = $1 AND person_id = $2`, [talent.id]);

    const employer = new PortalClient(t, tenant.key, HOSTS.onbekendTalent);
    const list = decodeHtml((await employer.get('/x/etalage')).text);
    expect(list).toContain('Conciërge');
    for (const secret of [talent.id, talent.email, talent.secrets.firstName, talent.secrets.lastName, talent.secrets.phone, talent.secrets.summary]) expect(list).not.toContain(secret);
    const wrong = await employer.post(`/x/etalage?talent=${entryId}`, { _action: 'contact', entryId, organisation: 'Bakkerij', name: 'Henk', email: 'geen-adres', message: 'Kort' });
    expect(wrong.status).toBe(422);
    expect(decodeHtml(wrong.text)).toMatch(/id="f-email-error">moet een e-mailadres zijn/);
    const sent = await employer.post(`/x/etalage?talent=${entryId}`, {
      _action: 'contact',
      entryId,
      organisation: 'Bakkerij De Korenschoof BV',
      name: 'Henk de Bakker',
      email: 'henk@korenschoof.example',
      message: 'Wij zoeken een conciërge en willen graag kennismaken.',
    });
    expect(sent.status).toBe(303);
    const [toCoach] = await mailsTo(t, tenant, coach.email, 'etalage-contact');
    expect([toCoach.brand, toCoach.variables!.talentId, toCoach.variables!.contactEmail]).toEqual(['onbekendtalent', entryId, 'henk@korenschoof.example']);
    expect(await mailsTo(t, tenant, talent.email, 'etalage-contact')).toEqual([]);

    // On another site of the tenant it is not in the menu and not there; writing through it reaches no one.
    const mkb = new PortalClient(t, tenant.key, HOSTS.mkb);
    const home = await mkb.get('/');
    expect(home.text).not.toContain('/x/etalage');
    expect((await employer.get('/')).text).toContain('/x/etalage');
    const there = await mkb.get('/x/etalage');
    expect(there.status).toBe(404);
    expect(decodeHtml(there.text)).not.toContain('Conciërge');
    const contactMails = async () => (await rows(`SELECT 1 FROM mail_messages WHERE tenant_id = $1 AND template = 'etalage-contact'`)).length;
    const before = await contactMails();
    const through = await mkb.post('/x/etalage', { _action: 'contact', entryId, organisation: 'X', name: 'Y', email: 'y@example.nl', message: 'Een bericht van tien tekens.' }, { from: '/' });
    expect(through.status).toBe(404);
    expect(await contactMails()).toBe(before);

    // The candidate takes themselves out; the list no longer shows them.
    expect((await mine.post('/x/my-etalage', { _action: 'leave' })).status).toBe(303);
    expect(decodeHtml((await employer.get('/x/etalage')).text)).not.toContain('Conciërge');
  });

  it('my place in the Etalage is for candidates only', async () => {
    const staff = await t.createAccount(tenant, ['staff']);
    const web = new PortalClient(t, tenant.key, HOSTS.onbekendTalent);
    await web.signIn(staff.email, TEST_PASSWORD);
    expect((await web.get('/x/my-etalage')).status).toBe(403);
    expect((await new PortalClient(t, tenant.key, HOSTS.onbekendTalent).get('/x/my-etalage')).status).toBe(303);
  });
});

describe('statement 003 on the web: the forms that mail someone are limited as on the API', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ env: { RATE_LIMIT_REGISTRATION_PER_CLIENT: '50', RATE_LIMIT_REGISTRATION_PER_ADDRESS: '2' } });
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(() => t?.close());

  it('applying without an account answers 429 past the limit for one address, and keeps nothing more', async () => {
    const unit = await t.createOrgUnit(tenant, 'employer');
    const client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const id = (await on(t, tenant, HOSTS.mkb).post('/manage/vacancies', vacancy('Kok'), client.token)).body.id as string;
    const visitor = new PortalClient(t, tenant.key, HOSTS.mkb);
    const email = `vaak-${Date.now()}@mail.example`;
    const form = { _action: 'apply', firstName: 'Sanne', lastName: 'de Bakker', email, motivation: 'Ik kook graag.', joinEtalage: 'no', acceptStatement: 'on' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await visitor.post(`/x/apply?vacancy=${id}`, form)).status);
    expect(statuses).toEqual([303, 303, 429]);
    await t.settled();
    const pending = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT 1 FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND vacancy_id = $2`, [tx.tenantId, id]),
    );
    expect(pending.length).toBeLessThanOrEqual(2);
  });
});
