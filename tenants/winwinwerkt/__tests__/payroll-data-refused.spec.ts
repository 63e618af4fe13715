import { type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { HOSTS, on, registeredCandidate, type Candidate } from './winwinwerkt.fixture.js';

/** Pass the elfproef, the mod-97 check and the Dutch document-number pattern respectively. */
const BSN = '111 222 333';
const IBAN = 'NL91 ABNA 0417 1643 00';
const PASSPORT = 'BX7G9LK82';

/**
 * Statement 003, 2.7: "Bijzondere gegevens zoals je paspoort, Burger Service Nummer en bankrekening
 * worden uitsluitend opgeslagen in het CRM-systeem van One Payroll". WinWinWerkt never stores them:
 * wherever a person or staff member types, they are refused with a 4xx that names the exact field
 * and says where such data goes instead, and nothing of the request is written.
 */
describe('statement 003: payroll data is never stored', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let person: Candidate;
  const site = () => on(t, tenant, HOSTS.mkb);
  const fieldsOf = (res: { body: { errors?: { field: string; reason: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
    person = await registeredCandidate(t, tenant, HOSTS.mkb);
  });
  afterAll(() => t?.close());

  it.each([
    ['a BSN', BSN],
    ['an IBAN', IBAN],
    ['a passport number', PASSPORT],
  ])('refuses %s in free text, naming the field and sending it to the payroll partner', async (_what, value) => {
    const res = await site().patch('/profiles/me', { fields: { summary: `Mijn gegevens: ${value}, groet.` } }, person.token);
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['fields.summary']);
    expect(res.body.errors[0].reason).toContain('One Payroll');
  });

  it('finds them inside lists too, with the exact path of the entry', async () => {
    const res = await site().patch(
      '/profiles/me',
      { fields: { workHistory: [{ role: 'Kok', employer: 'Hotel Zuid' }, { role: 'Afwasser', description: `Salaris op ${IBAN.replace(/ /g, '')}` }] } },
      person.token,
    );
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['fields.workHistory[1].description']);
  });

  it('writes nothing of a request that holds one: the valid fields beside it are not stored either', async () => {
    const res = await site().patch('/profiles/me', { fields: { desiredJob: 'Sous-chef', motivation: `BSN ${BSN}` } }, person.token);
    expect(res.status).toBe(422);
    const own = await site().get('/profiles/me', person.token);
    expect(own.body.fields.desiredJob).toBeUndefined();
    expect(JSON.stringify(own.body)).not.toContain('111');
  });

  it('refuses them from staff as well (the interview notes)', async () => {
    const staff = await t.signedIn(tenant, ['staff']);
    const res = await site().patch(`/profiles/${person.id}`, { fields: { interviewNotes: `Paspoort gezien: ${PASSPORT}` } }, staff.token);
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['fields.interviewNotes']);
    const ok = await site().patch(`/profiles/${person.id}`, { fields: { interviewNotes: 'Gemotiveerd, kan per direct beginnen.' } }, staff.token);
    expect(ok.status).toBe(200);
  });

  it('refuses them at registration, before any account exists', async () => {
    const res = await site().post('/profiles/register', { email: 'nieuw-payroll@mail.example', fields: { firstName: 'Sam', lastName: `de Vries ${BSN}` } });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['fields.lastName']);
  });

  it('lets through what only resembles them: a wrong check digit, a phone number, a plain word with a digit', async () => {
    const text = 'IBAN-achtig NL91 ABNA 0417 1643 01, nummer 111 222 334, bel 0612345678, Heftruck1 en Bakker2024.';
    const res = await site().patch('/profiles/me', { fields: { summary: text } }, person.token);
    expect(res.status).toBe(200);
    expect(res.body.fields.summary).toBe(text);
  });
});
