import { type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, decodeHtml, deliverMail, header, part } from '../../../test/support/workers.js';
import { HOSTS, on, registeredCandidate, type Candidate } from './winwinwerkt.fixture.js';

/**
 * Statement 003, 2.3: the Talenten Etalage. "Als je wordt begeleid door een netwerk-partner
 * 'reintegratiespecialist' van Onbekend Talent, dan is onderdeel van jouw begeleiding dat jouw
 * anonieme talentenprofiel in de Talenten Etalage van WinWinWerkt staat. Je kan zo worden gevonden
 * door werkgevers die contact opnemen met jouw begeleider."
 */
describe('statement 003: the Talenten Etalage', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let coachOrg: { id: string };
  let coach: { email: string };
  let talent: Candidate;
  let notJoined: Candidate;
  let entryId: string;
  const ot = () => on(t, tenant, HOSTS.onbekendTalent);

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('winwinwerkt');
    coachOrg = await t.createOrgUnit(tenant, 'partner-organisation');
    coach = await t.createAccount(tenant, ['partner'], { orgUnitIds: [coachOrg.id] });
    talent = await registeredCandidate(t, tenant, HOSTS.onbekendTalent, { fields: { desiredJob: 'Gastvrouw', city: 'Zeist' } });
    notJoined = await registeredCandidate(t, tenant, HOSTS.onbekendTalent, { fields: { desiredJob: 'Conciërge', city: 'Baarn' } });
    const joined = await ot().post('/winwinwerkt/me/etalage', undefined, talent.token);
    expect(joined.status).toBe(404); // PUT only
    const res = await t.http('put', '/winwinwerkt/me/etalage', { tenant: tenant.key, token: talent.token, headers: { host: HOSTS.onbekendTalent }, body: { coachOrganisationId: coachOrg.id } });
    expect(res.status).toBe(200);
    entryId = res.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('employers without an account browse it on the Onbekend Talent site: no identifying field ever appears', async () => {
    const res = await ot().get('/winwinwerkt/etalage');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: entryId, desiredJob: 'Gastvrouw', city: 'Zeist', coachOrganisation: expect.any(String) }]);
    const text = JSON.stringify(res.body);
    for (const value of [talent.id, talent.email, talent.secrets.firstName, talent.secrets.lastName, talent.secrets.phone, talent.secrets.summary])
      expect(text).not.toContain(value);
    // Only who joined: a candidate who did not is not in it.
    expect(text).not.toContain('Conciërge');
    expect(notJoined.id).not.toBe(entryId);
  });

  it('exists only on the Onbekend Talent site', async () => {
    expect((await on(t, tenant, HOSTS.mkb).get('/winwinwerkt/etalage')).status).toBe(404);
    expect((await on(t, tenant, HOSTS.winwinwerkt).get('/winwinwerkt/etalage')).status).toBe(404);
  });

  it("the employer's form reaches the coach, in Onbekend Talent's look; the candidate is never contacted", async () => {
    // Whatever the candidate was sent before (the verification) goes out first.
    await deliverMail(t, tenant);
    const before = smtp.to(talent.email).length;
    const res = await ot().post(`/winwinwerkt/etalage/${entryId}/contact`, {
      organisation: 'Bakkerij De Korenschoof BV',
      name: 'Henk de Bakker',
      email: 'henk@korenschoof.example',
      message: 'Wij zoeken een gastvrouw voor onze winkel en willen graag kennismaken.',
    });
    expect(res.status).toBe(202);
    await deliverMail(t, tenant);
    const [mail] = smtp.to(coach.email);
    expect(header(mail.raw, 'From')).toContain('noreply@onbekendtalent.example');
    const html = decodeHtml(part(mail.raw, 'text/html') ?? '');
    expect(html).toContain('henk@korenschoof.example');
    expect(html).toContain(entryId);
    expect(smtp.to(talent.email)).toHaveLength(before);
    expect(smtp.to('henk@korenschoof.example')).toHaveLength(0);
  });

  it('refuses payroll data in the message, and an unknown profile is a 404', async () => {
    const body = { organisation: 'X BV', name: 'Y', email: 'y@x.example', message: 'Zijn BSN is 111222333, klopt dat?' };
    const res = await ot().post(`/winwinwerkt/etalage/${entryId}/contact`, body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['message']);
    const unknown = await ot().post(`/winwinwerkt/etalage/${talent.id}/contact`, { ...body, message: 'Graag kennismaken met dit talent.' });
    expect(unknown.status).toBe(404);
  });

  it('joining names a coach organisation; anything else is a 4xx naming the field', async () => {
    const employerUnit = await t.createOrgUnit(tenant, 'employer');
    const res = await t.http('put', '/winwinwerkt/me/etalage', { tenant: tenant.key, token: notJoined.token, body: { coachOrganisationId: employerUnit.id } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['coachOrganisationId']);
  });

  it('the candidate can leave it, and is gone from it at once', async () => {
    const res = await t.http('delete', '/winwinwerkt/me/etalage', { tenant: tenant.key, token: talent.token });
    expect(res.status).toBe(200);
    expect((await ot().get('/winwinwerkt/etalage')).body.items).toEqual([]);
  });
});
