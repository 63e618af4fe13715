import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { HOSTS, on, registeredCandidate } from './winwinwerkt.fixture.js';

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
 * Statement 003, 2.4: "Bij ... een sollicitatie op een vacature van één van onze labels wordt je
 * gevraagd om akkoord te gaan met deze Privacy-verklaring", "Solliciteer je op een vacature van een
 * label ... dan worden je gegevens opgenomen in de database van WinWinWerkt in de vorm van je eigen
 * profiel", and applying asks whether to join the Talenten Etalage (2.3).
 */
describe('statement 003: applying to a label vacancy in one step', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let client: { token: string };
  let coachOrg: { id: string };

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
    const unit = await t.createOrgUnit(tenant, 'employer');
    client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    coachOrg = await t.createOrgUnit(tenant, 'partner-organisation');
  });
  afterAll(() => t?.close());

  const publish = async (host: string, title: string) => (await on(t, tenant, host).post('/manage/vacancies', vacancy(title), client.token)).body.id as string;
  const rows = (sql: string, params: unknown[]) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query(sql, [tx.tenantId, ...params]));

  it('applying through two labels: one person, one account and one profile, each application with its statement version, label and Etalage answer', async () => {
    const atMkb = await publish(HOSTS.mkb, 'Bakker bij MKB');
    const atPlus = await publish(HOSTS.plus65, 'Gastvrouw bij 65plus');
    const c = await registeredCandidate(t, tenant, HOSTS.mkb);

    const first = await on(t, tenant, HOSTS.mkb).post(`/winwinwerkt/vacancies/${atMkb}/apply`, { statementVersion: '1.3', motivation: 'Ik bak graag.', joinEtalage: false }, c.token);
    expect(first.status).toBe(201);
    expect(first.body.etalage).toEqual({ answer: false, entryId: null });
    const second = await on(t, tenant, HOSTS.plus65).post(
      `/winwinwerkt/vacancies/${atPlus}/apply`,
      { statementVersion: '1.3', motivation: 'Ik ontvang graag gasten.', joinEtalage: true, coachOrganisationId: coachOrg.id },
      c.token,
    );
    expect(second.status).toBe(201);
    expect(second.body.etalage).toEqual({ answer: true, entryId: expect.any(String) });

    expect(await rows(`SELECT id FROM accounts WHERE tenant_id = $1 AND email = $2`, [c.email])).toEqual([{ id: c.id }]);
    expect(await rows(`SELECT id FROM profiles WHERE tenant_id = $1 AND id = $2`, [c.id])).toHaveLength(1);
    expect(await rows(`SELECT vacancy_id FROM applications WHERE tenant_id = $1 AND applicant_id = $2 ORDER BY submitted_at`, [c.id])).toEqual([{ vacancy_id: atMkb }, { vacancy_id: atPlus }]);
    expect(
      await rows(`SELECT version, label, vacancy_id, etalage_answer FROM winwinwerkt_statement_acceptances WHERE tenant_id = $1 AND person_id = $2 AND occasion = 'application' ORDER BY accepted_at, label`, [c.id]),
    ).toEqual([
      { version: '1.3', label: 'vacatureservicemkb', vacancy_id: atMkb, etalage_answer: false },
      { version: '1.3', label: 'plus65werkt', vacancy_id: atPlus, etalage_answer: true },
    ]);
    expect(await rows(`SELECT coach_org_id FROM winwinwerkt_etalage WHERE tenant_id = $1 AND person_id = $2`, [c.id])).toEqual([{ coach_org_id: coachOrg.id }]);
  });

  it('asks both questions: without the statement shown now, or a yes to the Etalage without a coach, nothing is kept', async () => {
    const id = await publish(HOSTS.werkweb, 'Monteur bij WerkWeb');
    const c = await registeredCandidate(t, tenant, HOSTS.werkweb);
    const site = on(t, tenant, HOSTS.werkweb);
    const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
    const oldVersion = await site.post(`/winwinwerkt/vacancies/${id}/apply`, { statementVersion: '1.2', motivation: 'Graag.', joinEtalage: false }, c.token);
    expect([oldVersion.status, fields(oldVersion)]).toEqual([400, ['statementVersion']]);
    const unanswered = await site.post(`/winwinwerkt/vacancies/${id}/apply`, { statementVersion: '1.3', motivation: 'Graag.' }, c.token);
    expect([unanswered.status, fields(unanswered)]).toEqual([400, ['joinEtalage']]);
    const noCoach = await site.post(`/winwinwerkt/vacancies/${id}/apply`, { statementVersion: '1.3', motivation: 'Graag.', joinEtalage: true }, c.token);
    expect([noCoach.status, fields(noCoach)]).toEqual([422, ['coachOrganisationId']]);
    const notACoach = await site.post(`/winwinwerkt/vacancies/${id}/apply`, { statementVersion: '1.3', motivation: 'Graag.', joinEtalage: true, coachOrganisationId: tenant.id }, c.token);
    expect([notACoach.status, fields(notACoach)]).toEqual([422, ['coachOrganisationId']]);

    expect(await rows(`SELECT id FROM applications WHERE tenant_id = $1 AND applicant_id = $2`, [c.id])).toEqual([]);
    expect(await rows(`SELECT id FROM winwinwerkt_statement_acceptances WHERE tenant_id = $1 AND person_id = $2 AND occasion = 'application'`, [c.id])).toEqual([]);
    expect(await rows(`SELECT id FROM winwinwerkt_etalage WHERE tenant_id = $1 AND person_id = $2`, [c.id])).toEqual([]);
  });

  it("a vacancy of another label cannot be applied to on this label's site", async () => {
    const atMkb = await publish(HOSTS.mkb, 'Kok bij MKB');
    const c = await registeredCandidate(t, tenant, HOSTS.mkb);
    const res = await on(t, tenant, HOSTS.werkweb).post(`/winwinwerkt/vacancies/${atMkb}/apply`, { statementVersion: '1.3', motivation: 'Graag.', joinEtalage: false }, c.token);
    expect(res.status).toBe(404);
  });
});
