import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { HOSTS, on, registeredCandidate } from './winwinwerkt.fixture.js';

const vacancyBody = () => ({
  title: 'Bakker (dagdienst)',
  description: 'Bakkerij De Korenschoof zoekt via Vacature Service MKB een bakker voor de dagdienst in Utrecht.',
  location: { city: 'Utrecht', postcode: '3511 AB', country: 'NL', latitude: 52.09, longitude: 5.12 },
  hours: { min: 24, max: 36 },
  contractType: 'permanent',
  educationLevel: 'vocational',
  publishUntil: '2099-12-31T00:00:00.000Z',
  status: 'published',
});

/**
 * Statement 003, 2.4: "Solliciteer je op een vacature van een label ... dan worden je gegevens
 * opgenomen in de database van WinWinWerkt in de vorm van je eigen profiel ... Door te solliciteren
 * geef je ons toestemming om jouw gegevens zoals cv en motivatiebrief en wat je ons vertelt tijdens
 * het interview, te delen met de opdrachtgever van de vacature."
 */
describe('statement 003: applying to a label vacancy', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(() => t?.close());

  const client = async () => {
    const unit = await t.createOrgUnit(tenant, 'employer');
    return t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  };

  it("records the statement version with the application, and shares CV, motivation letter and interview notes with the vacancy's client only", async () => {
    const korenschoof = await client();
    const otherClient = await client();
    const staff = await t.signedIn(tenant, ['staff']);
    const vacancy = await on(t, tenant, HOSTS.mkb).post('/manage/vacancies', vacancyBody(), korenschoof.token);
    expect(vacancy.status).toBe(201);
    const c = await registeredCandidate(t, tenant, HOSTS.mkb, { fields: { motivation: 'Ik bak al twintig jaar brood en banket.' } });
    await on(t, tenant, HOSTS.mkb).patch(`/profiles/${c.id}`, { fields: { interviewNotes: 'Intake: ervaren, wil overdag werken.' } }, staff.token);
    const cv = await t
      .http('post', '/profiles/me/documents/cv', { tenant: tenant.key, token: c.token, headers: { host: HOSTS.mkb } })
      .attach('file', Buffer.from('%PDF-1.4\n% cv van de bakker\n%%EOF\n'), { filename: 'cv.pdf', contentType: 'application/pdf' });
    expect(cv.status).toBe(201);

    const accepted = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/me/statement-acceptances', { version: '1.3', occasion: 'application', vacancyId: vacancy.body.id }, c.token);
    expect(accepted.status).toBe(201);
    const applied = await on(t, tenant, HOSTS.mkb).post(`/vacancies/${vacancy.body.id}/applications`, { motivation: 'Graag bak ik voor jullie.', documentIds: [cv.body.id] }, c.token);
    expect(applied.status).toBe(201);

    const [acceptance] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT version, occasion, label, vacancy_id FROM winwinwerkt_statement_acceptances WHERE tenant_id = $1 AND person_id = $2 AND occasion = 'application'`, [tx.tenantId, c.id]),
    );
    expect(acceptance).toEqual({ version: '1.3', occasion: 'application', label: 'vacatureservicemkb', vacancy_id: vacancy.body.id });

    const asClient = await t.http('get', `/applications/${applied.body.id}`, { tenant: tenant.key, token: korenschoof.token });
    expect(asClient.status).toBe(200);
    const seen = JSON.stringify(asClient.body);
    expect(seen).toContain('Graag bak ik voor jullie.');
    expect(seen).toContain(cv.body.id);
    // The motivation letter and the interview notes come with it, for the client's people only.
    const shared = await t.http('get', `/winwinwerkt/applications/${applied.body.id}/shared-with-client`, { tenant: tenant.key, token: korenschoof.token });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ motivationLetter: 'Ik bak al twintig jaar brood en banket.', interviewNotes: 'Intake: ervaren, wil overdag werken.' });
    expect((await t.http('get', `/winwinwerkt/applications/${applied.body.id}/shared-with-client`, { tenant: tenant.key, token: otherClient.token })).status).toBe(404);

    expect((await t.http('get', `/applications/${applied.body.id}`, { tenant: tenant.key, token: otherClient.token })).status).toBe(404);
    expect((await t.http('get', `/profiles/${c.id}`, { tenant: tenant.key, token: otherClient.token })).status).toBe(404);
  });
});
