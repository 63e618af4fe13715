import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { activeJobseeker, FILES, publicHandle, upload, type Jobseeker } from './support/profile-kit.js';
import { PortalClient } from '../../../portal/src/__tests__/support/portal-client.js';
import { TenantDb } from '../../../database/src/index.js';
import { ProfilesPersonData } from '../profiles.person-data.js';
import { createVacancy } from '../../../vacancies/src/__tests__/vacancy-fixtures.js';
import {
  employer as poolEmployer,
  lastMail,
  publicHandle as poolHandle,
  registeredJobseeker,
} from '../../../../tenants/refugee-talent-pool/__tests__/refugeework.fixture.js';

const HANDLE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Statement 001 (issue 9): "an anonymised profile cannot be linked by an employer to the named one
 * they saw before". Employers know a listing by its public handle only, never by the internal id;
 * the handle is redrawn on every step into or out of anonymity and the old one leads nowhere.
 */
describe('an employer who saw the named profile cannot reach or recognise the anonymous one', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let person: Jobseeker;
  let other: Jobseeker;
  let recruiter: { token: string };
  let staff: { token: string };
  let vacancyId: string;
  let documentId: string;
  /**
   * Every answer an employer got, to scan for ids at the end. A refusal echoes the path it was
   * asked for (`instance`), so answers are scanned for what the employer did not send itself.
   */
  const employerAnswers: { path: string; text: string }[] = [];
  const unprompted = (answers: { path: string; text: string }[], value: string) =>
    answers.filter((a) => !a.path.includes(value) && a.text.includes(value)).map((a) => `${a.path}: ${a.text}`);

  const asRecruiter = async (path: string) => {
    const res = await t.http('get', path, { tenant: tenant.key, token: recruiter.token });
    employerAnswers.push({ path, text: res.text ?? '' });
    return res;
  };
  const own = () => ({ tenant: tenant.key, token: person.token });
  type Hit = { id?: string; handle: string; alias: string; name: string };
  const hits = async (q: string, extra = '') => {
    const res = await asRecruiter(`/search/profiles?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return res.body as { items: Hit[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
    const bank = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [bank.id] });
    staff = await t.signedIn(tenant, ['staff']);
    person = await activeJobseeker(t, tenant, { firstName: 'Noor', lastName: 'Bakker' }, { headline: 'Lasser', city: 'Utrecht', hoursPerWeek: 32 });
    other = await activeJobseeker(t, tenant, { firstName: 'Bram', lastName: 'Smit' }, { headline: 'Lasser', city: 'Utrecht', hoursPerWeek: 24 });
    const doc = await upload(t, person, 'cv', FILES.pdf, 'cv-noor-bakker.pdf');
    expect(doc.status).toBe(201);
    documentId = doc.body.id;
    vacancyId = await createVacancy(t, tenant, recruiter.token, {
      title: 'Lasser',
      description: 'Wij zoeken een lasser voor onze werkplaats in Utrecht, met ervaring in staal.',
      location: { city: 'Utrecht' },
      hours: { min: 24, max: 40 },
      publishUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
    });
  });
  afterAll(() => t.close());

  it('search and the profile route give employers the handle, never the internal id; the id answers 404 for them', async () => {
    const named = (await hits('Lasser')).items.find((h) => h.name === 'Noor Bakker')!;
    expect(named.handle).toMatch(HANDLE);
    expect(named).not.toHaveProperty('id');
    const opened = await asRecruiter(`/profiles/${named.handle}`);
    expect(opened.status).toBe(200);
    expect(opened.body.handle).toBe(named.handle);
    expect(opened.body).not.toHaveProperty('id');
    expect((await asRecruiter(`/profiles/${named.handle}/documents`)).body.items).toEqual([expect.objectContaining({ id: documentId })]);
    expect((await asRecruiter(`/profiles/${named.handle}/documents/${documentId}`)).status).toBe(200);
    // The internal id leads nowhere for an employer: the same 404 as a profile that does not exist.
    for (const path of [`/profiles/${person.id}`, `/profiles/${person.id}/documents`, `/profiles/${person.id}/documents/${documentId}`])
      expect((await asRecruiter(path)).status).toBe(404);
    // The person and the tenant's staff keep the internal id.
    expect((await t.http('get', `/profiles/${person.id}`, { tenant: tenant.key, token: staff.token })).status).toBe(200);
    expect((await t.http('get', '/profiles/me', own())).body.id).toBe(person.id);
  });

  it('after anonymising, the old handle answers 404, the new listing has another handle, and nothing an employer gets names the old one', async () => {
    const before = await publicHandle(t, tenant, person.id);
    const applied = await t.http('post', `/vacancies/${vacancyId}/applications`, { ...own(), body: { motivation: 'Ik las al tien jaar.' } });
    expect(applied.status).toBe(201);

    expect((await t.http('post', '/profiles/me/anonymise', own())).status).toBe(200);
    for (const path of [`/profiles/${before}`, `/profiles/${before}/documents`, `/profiles/${before}/documents/${documentId}`])
      expect((await asRecruiter(path)).status).toBe(404);

    const during = await publicHandle(t, tenant, person.id);
    expect(during).toMatch(HANDLE);
    expect(during).not.toBe(before);
    const anonymous = (await hits('Lasser')).items.find((h) => h.handle === during)!;
    expect(anonymous).toBeDefined();
    const opened = await asRecruiter(`/profiles/${during}`);
    expect(opened.status).toBe(200);
    expect(opened.body.identityHidden).toBe(true);
    expect((await asRecruiter(`/profiles/${during}/documents`)).body.items).toEqual([]);

    // The application stays with the vacancy's recruiters, named, but says nothing of the listing.
    const applications = await asRecruiter(`/vacancies/${vacancyId}/applications`);
    expect(applications.status).toBe(200);
    expect(applications.body).toHaveLength(1);
    expect(applications.body[0].applicant.name).toBe('Noor Bakker');
    expect(applications.text).not.toContain(during);
    expect(applications.text).not.toContain(anonymous.alias);

    // Every answer the employer got after the step (search, profile, documents, applications)
    // that did not just echo the old handle back: none names it.
    expect(unprompted(employerAnswers.slice(-8), before)).toEqual([]);

    // Stepping out of anonymity draws yet another handle; the anonymous one leads nowhere.
    expect((await t.http('post', '/profiles/me/activate', own())).status).toBe(200);
    const again = await publicHandle(t, tenant, person.id);
    expect([before, during]).not.toContain(again);
    expect((await asRecruiter(`/profiles/${during}`)).status).toBe(404);
    expect((await asRecruiter(`/profiles/${again}`)).status).toBe(200);
  });

  it('a search cursor does not carry the internal id of the last profile on the page', async () => {
    const first = await hits('Lasser', '&limit=1&sort=recent');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const decoded = Buffer.from(first.nextCursor!, 'base64url').toString('latin1');
    for (const id of [person.id, other.id]) expect(decoded).not.toContain(id);
    const next = await hits('Lasser', `&limit=1&sort=recent&cursor=${first.nextCursor}`);
    expect(next.items).toHaveLength(1);
    expect(next.items[0].handle).not.toBe(first.items[0].handle);
  });

  it("the portal's candidate pages link by handle; the old handle and the internal id are no page for the employer", async () => {
    const bank = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const account = await t.createAccount(tenant, ['employer'], { orgUnitIds: [bank.id] });
    const web = new PortalClient(t, tenant.key);
    await web.signIn(account.email, account.password);
    const named = await publicHandle(t, tenant, person.id);
    const list = await web.get('/candidates?q=Lasser');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/candidates/${named}`);
    expect(list.text).not.toContain(person.id);
    expect((await web.get(`/candidates/${named}`)).status).toBe(200);
    expect((await web.get(`/candidates/${person.id}`)).status).toBe(404);

    expect((await t.http('post', '/profiles/me/anonymise', own())).status).toBe(200);
    expect((await web.get(`/candidates/${named}`)).status).toBe(404);
    const anonymous = await web.get('/candidates?q=Lasser');
    expect(anonymous.text).not.toContain(named);
    expect(anonymous.text).not.toContain(person.id);
    expect(anonymous.text).toContain(`/candidates/${await publicHandle(t, tenant, person.id)}`);
    expect((await t.http('post', '/profiles/me/activate', own())).status).toBe(200);
  });

  it('no answer an employer got names a profile by its internal id (the JSON of every one, scanned)', () => {
    expect(employerAnswers.length).toBeGreaterThan(10);
    expect([...unprompted(employerAnswers, person.id), ...unprompted(employerAnswers, other.id)]).toEqual([]);
  });

  it("the retention engine's anonymisation draws a new handle and alias too", async () => {
    const before = await publicHandle(t, tenant, other.id);
    const seen = await asRecruiter(`/profiles/${before}`);
    expect(seen.status).toBe(200);
    await t.inTenant(tenant, () => t.get(TenantDb).transaction((tx) => t.get(ProfilesPersonData).anonymise(tx, other.id)));
    const after = await t.http('get', `/profiles/${other.id}`, { tenant: tenant.key, token: staff.token });
    expect(after.body).toMatchObject({ state: 'anonymous', handle: expect.stringMatching(HANDLE) });
    expect(after.body.handle).not.toBe(before);
    expect(after.body.alias).not.toBe(seen.body.alias);
    expect((await asRecruiter(`/profiles/${before}`)).status).toBe(404);
  });
});

describe('a connection made to the named listing does not point the employer at the anonymous one', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t.close());

  it('the employer asks by handle; after the person steps into anonymity the connection shows neither the old nor the new handle, nor the new alias', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await poolEmployer(t, tenant);
    const as = { tenant: tenant.key, token: boss.token };
    const answers: { path: string; text: string }[] = [];
    const get = async (path: string) => {
      const res = await t.http('get', path, as);
      answers.push({ path, text: res.text ?? '' });
      return res;
    };

    const before = await poolHandle(t, person);
    const hit = (await get('/search/profiles')).body.items.find((h: { handle: string }) => h.handle === before);
    expect(hit).toBeDefined();
    expect(hit).not.toHaveProperty('id');
    // Asking by the internal id is refused: employers never learn it.
    expect((await t.http('post', '/connections', { ...as, body: { profileHandle: person.id } })).status).toBe(400);
    const asked = await t.http('post', '/connections', { ...as, body: { profileHandle: before, message: 'We need a carpenter' } });
    expect(asked.status).toBe(201);
    expect((await get('/connections')).body.items).toEqual([expect.objectContaining({ profileHandle: before, alias: hit.alias })]);

    expect((await t.http('post', '/profiles/me/anonymise', { tenant: tenant.key, token: person.token })).status).toBe(200);
    const during = await poolHandle(t, person);
    expect(during).not.toBe(before);
    const newAlias = (await t.http('get', '/profiles/me', { tenant: tenant.key, token: person.token })).body.alias as string;
    expect(newAlias).not.toBe(hit.alias);

    expect((await get(`/profiles/${before}`)).status).toBe(404);
    const listed = await get('/connections');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: asked.body.id, profileHandle: null, alias: hit.alias })]);
    expect(listed.text).not.toContain(during);
    expect(listed.text).not.toContain(newAlias);

    // Accepting now tells the recruiter by the alias they asked about, not the anonymous listing's.
    expect((await t.http('post', `/connections/${asked.body.id}/accept`, { tenant: tenant.key, token: person.token })).status).toBe(200);
    const mail = await lastMail(t, tenant, boss.id, 'connection-accepted');
    expect(mail?.variables).toMatchObject({ alias: hit.alias });
    expect(JSON.stringify(mail?.variables)).not.toContain(newAlias);
    expect(JSON.stringify(mail?.variables)).not.toContain(during);

    expect(listed.text).not.toContain(before);
    for (const { text } of answers) expect(text).not.toContain(person.id);
  });

  it('asking the anonymous listing is answered as for anyone: no conflict from a connection or a decline on the named one', async () => {
    const person = await registeredJobseeker(t, tenant);
    const connectedBoss = await poolEmployer(t, tenant);
    const declinedBoss = await poolEmployer(t, tenant);
    const ask = (boss: { token: string }, profileHandle: string) =>
      t.http('post', '/connections', { tenant: tenant.key, token: boss.token, body: { profileHandle } });
    const named = await poolHandle(t, person);
    const accepted = await ask(connectedBoss, named);
    const declined = await ask(declinedBoss, named);
    expect([accepted.status, declined.status]).toEqual([201, 201]);
    const answer = (id: string, action: string) =>
      t.http('post', `/connections/${id}/${action}`, { tenant: tenant.key, token: person.token });
    expect((await answer(accepted.body.id, 'accept')).status).toBe(200);
    expect((await answer(declined.body.id, 'decline')).status).toBe(200);
    // On the named listing itself the rules stand: one open connection, and a pause after a decline.
    expect((await ask(connectedBoss, named)).status).toBe(409);
    expect((await ask(declinedBoss, named)).status).toBe(409);

    expect((await t.http('post', '/profiles/me/anonymise', { tenant: tenant.key, token: person.token })).status).toBe(200);
    const anonymous = await poolHandle(t, person);
    // A 409 here would tell either organisation that the anonymous listing is the person it knows.
    expect((await ask(connectedBoss, anonymous)).status).toBe(201);
    expect((await ask(declinedBoss, anonymous)).status).toBe(201);
  });
});
