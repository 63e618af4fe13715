import { randomBytes } from 'node:crypto';
import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { addressOf, publicHandle, registerJobseeker, sql, type Jobseeker } from './support/profile-kit.js';

interface Hit {
  id?: string;
  handle: string;
  name: string;
  alias: string;
  identityHidden: boolean;
  fields: Record<string, unknown>;
}

/** A made-up word of letters only, so no other profile holds it and both stemmers keep it whole. */
const word = () =>
  `zq${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

/**
 * Statement 001, "Uw kandidaatprofiel is na activering een jaar zichtbaar in de kandidatenbank":
 * what the person does to the profile through the API is what recruiters find in the candidate
 * bank, from the very next search. Nothing here writes the index directly.
 */
describe('profile changes reach candidate-bank search', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let recruiter: string;
  let staff: string;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    const bank = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    recruiter = (await t.signedIn(tenant, ['employer'], { orgUnitIds: [bank.id] })).token;
    staff = (await t.signedIn(tenant, ['staff'])).token;
  });
  afterAll(() => t.close());

  const search = async (q: string, token = recruiter): Promise<Hit[]> => {
    const res = await t.http('get', `/search/profiles?q=${encodeURIComponent(q)}`, { tenant: tenant.key, token });
    expect(res.status).toBe(200);
    return res.body.items as Hit[];
  };
  const found = async (q: string, js: Jobseeker, token = recruiter) => {
    // After erasure there is no profile, hence no handle: nothing can match.
    const handle = await addressOf(t, tenant, js.id);
    return (await search(q, token)).find((h) => h.handle === handle);
  };
  const as = (js: Jobseeker) => ({ tenant: tenant.key, token: js.token });
  const patch = (js: Jobseeker, fields: Record<string, unknown>) =>
    t.http('patch', '/profiles/me', { ...as(js), body: { fields } });
  const post = (js: Jobseeker, action: string) => t.http('post', `/profiles/me/${action}`, as(js));
  const indexRows = async (js: Jobseeker) =>
    (await sql<{ n: number }>(t, tenant, `SELECT count(*)::int AS n FROM profile_search WHERE tenant_id = $1 AND profile_id = $2`, [js.id]))[0].n;

  /** Registered, address confirmed, fields filled in and activated, all as the person would. */
  async function listedPerson(summaryWord: string) {
    const identity = { firstName: `Noor${word()}`, lastName: `Visser${word()}` };
    const js = await registerJobseeker(t, tenant, identity);
    expect((await patch(js, { headline: 'Lasser', city: 'Utrecht', summary: `Ervaren ${summaryWord} in de metaal.` })).status).toBe(200);
    // A draft is in nobody's candidate bank, however complete.
    expect(await found(summaryWord, js)).toBeUndefined();
    expect(await found(summaryWord, js, staff)).toBeUndefined();
    expect((await post(js, 'activate')).status).toBe(200);
    return { js, identity };
  }

  it('a recruiter with access to the bank finds an activated profile by a word from its summary', async () => {
    const summaryWord = word();
    const { js, identity } = await listedPerson(summaryWord);
    const hit = await found(summaryWord, js);
    expect(hit).toMatchObject({
      name: `${identity.firstName} ${identity.lastName}`,
      identityHidden: false,
      fields: { headline: 'Lasser', city: 'Utrecht', summary: `Ervaren ${summaryWord} in de metaal.` },
    });
  });

  it('after the person changes the summary, the new word finds them and the old one no longer does', async () => {
    const before = word();
    const after = word();
    const { js } = await listedPerson(before);
    expect((await patch(js, { summary: `Nu vooral ${after}.` })).status).toBe(200);
    expect(await found(after, js)).toMatchObject({ fields: { summary: `Nu vooral ${after}.` } });
    expect(await found(before, js)).toBeUndefined();
    expect(await found(before, js, staff)).toBeUndefined();
    // Clearing the field clears it from the index too.
    expect((await patch(js, { summary: null })).status).toBe(200);
    expect(await found(after, js)).toBeUndefined();
  });

  it('a change by staff is found at once as well', async () => {
    const summaryWord = word();
    const headline = word();
    const { js } = await listedPerson(summaryWord);
    const res = await t.http('patch', `/profiles/${js.id}`, { tenant: tenant.key, token: staff, body: { fields: { headline } } });
    expect(res.status).toBe(200);
    expect(await found(headline, js)).toMatchObject({ fields: { headline } });
  });

  it('"U kunt uw profiel ook zelf op elk moment inactiveren": inactive is found by nobody; re-activated it is found again', async () => {
    const summaryWord = word();
    const { js } = await listedPerson(summaryWord);
    expect((await post(js, 'inactivate')).status).toBe(200);
    expect(await found(summaryWord, js)).toBeUndefined();
    expect(await found(summaryWord, js, staff)).toBeUndefined();
    expect(await indexRows(js)).toBe(0);
    expect((await post(js, 'activate')).status).toBe(200);
    expect(await found(summaryWord, js)).toBeDefined();
  });

  it('an anonymised profile is found only by what recruiters may read of it (not its free text), and they get the alias only', async () => {
    const summaryWord = word();
    const { js, identity } = await listedPerson(summaryWord);
    expect((await post(js, 'anonymise')).status).toBe(200);
    expect(await found(summaryWord, js)).toBeUndefined();
    const res = await t.http('get', `/search/profiles?q=Lasser&sort=recent&limit=50`, { tenant: tenant.key, token: recruiter });
    const handle = await publicHandle(t, tenant, js.id);
    const hit = (res.body.items as Hit[]).find((h) => h.handle === handle)!;
    expect(hit).toMatchObject({ identityHidden: true, name: hit.alias, fields: { headline: 'Lasser' } });
    expect(hit.fields).not.toHaveProperty('firstName');
    expect(hit.fields).not.toHaveProperty('lastName');
    expect(res.text).not.toContain(identity.firstName);
    expect(res.text).not.toContain(identity.lastName);
    // Showing identity again is the person's choice too, and it shows at once.
    expect((await post(js, 'activate')).status).toBe(200);
    expect(await found(summaryWord, js)).toMatchObject({ identityHidden: false, name: `${identity.firstName} ${identity.lastName}` });
  });

  it('hidden from employers by the person: recruiters no longer find the profile, its staff still do', async () => {
    const summaryWord = word();
    const { js } = await listedPerson(summaryWord);
    const visibility = (visibleToEmployers: boolean) =>
      t.http('patch', '/profiles/me/visibility', { ...as(js), body: { visibleToEmployers } });
    expect((await visibility(false)).status).toBe(200);
    expect(await found(summaryWord, js)).toBeUndefined();
    expect(await found(summaryWord, js, staff)).toBeDefined();
    expect((await visibility(true)).status).toBe(200);
    expect(await found(summaryWord, js)).toBeDefined();
  });

  it('after erasure the person is found by nobody and nothing of them is left in the index', async () => {
    const summaryWord = word();
    const { js } = await listedPerson(summaryWord);
    await t.inTenant(tenant, () => t.get(ErasureService).erase(js.id, 'person asked'));
    expect(await found(summaryWord, js)).toBeUndefined();
    expect(await found(summaryWord, js, staff)).toBeUndefined();
    expect(await indexRows(js)).toBe(0);
  });

  it('anonymised for retention: gone from employers, and staff find what is left under the alias', async () => {
    const summaryWord = word();
    const { js, identity } = await listedPerson(summaryWord);
    await t.inTenant(tenant, () => t.get(ErasureService).anonymise(js.id, 'retention'));
    expect(await found(summaryWord, js)).toBeUndefined();
    // The index holds only what cannot single the person out: staff find the profile by its
    // desired job, and still read all that is left of it.
    expect(await found(summaryWord, js, staff)).toBeUndefined();
    const res = await t.http('get', `/search/profiles?q=Lasser&sort=recent&limit=50`, { tenant: tenant.key, token: staff });
    const handle = await publicHandle(t, tenant, js.id);
    const hit = (res.body.items as Hit[]).find((h) => h.handle === handle)!;
    expect(hit).toMatchObject({ name: hit.alias, fields: { summary: `Ervaren ${summaryWord} in de metaal.` } });
    expect(res.text).not.toContain(identity.lastName);
  });

  it('inactivated for retention: found by nobody', async () => {
    const summaryWord = word();
    const { js } = await listedPerson(summaryWord);
    await t.inTenant(tenant, () => t.get(ErasureService).inactivate(js.id, 'retention'));
    expect(await found(summaryWord, js)).toBeUndefined();
    expect(await found(summaryWord, js, staff)).toBeUndefined();
  });
});
