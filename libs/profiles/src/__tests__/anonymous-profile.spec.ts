import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { activeJobseeker, publicHandle, type Jobseeker } from './support/profile-kit.js';
import { createVacancy } from '../../../vacancies/src/__tests__/vacancy-fixtures.js';

/**
 * Statement 001: "u kunt uw profiel zelfs volledig anonimiseren indien u dat wenst". Anonymous
 * means a recruiter cannot tie the listing to the person: not by what it shows, not by a word
 * searched for, not by an alias or an id seen before.
 */
describe('an anonymised kandidatenbank profile cannot be tied back to the person', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let person: Jobseeker;
  let recruiter: { token: string };
  let vacancyId: string;

  const SUMMARY = 'Ik ben Sam de Vries, bel me op 0612345678. Tien jaar ervaring met laswerk.';
  const WORK = [
    { employer: 'Installatiebedrijf Westland', role: 'Lasser', from: '2014-03-01', to: '2022-08-31', description: 'Bij Westland lasser.' },
  ];
  const EDUCATION = [{ name: 'MBO Metaaltechniek', institution: 'ROC Zwijsen', year: 2013 }];

  const asRecruiter = (path: string) => t.http('get', path, { tenant: tenant.key, token: recruiter.token });
  const own = () => ({ tenant: tenant.key, token: person.token });
  const handle = () => publicHandle(t, tenant, person.id);
  /** The listing as a recruiter opens it: by the handle search answers list. */
  const asRecruiterOpens = async () => asRecruiter(`/profiles/${await handle()}`);
  const searchHit = async (q: string) => {
    const res = await asRecruiter(`/search/profiles?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    const current = await handle();
    return (res.body.items as { handle: string; alias?: string; name?: string }[]).find((i) => i.handle === current);
  };

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
    const bank = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [bank.id] });
    person = await activeJobseeker(
      t,
      tenant,
      { firstName: 'Sam', lastName: 'de Vries' },
      {
        headline: 'Lasser',
        city: 'Utrecht',
        phone: '0612345678',
        summary: SUMMARY,
        workExperience: WORK,
        education: EDUCATION,
        trainings: ['VCA bij Westland Opleidingen'],
        educationLevel: 'mbo',
        hoursPerWeek: 32,
      },
    );
    vacancyId = await createVacancy(t, tenant, recruiter.token, {
      title: 'Lasser',
      description: 'Wij zoeken een lasser voor onze werkplaats in Utrecht, met ervaring in staal.',
      location: { city: 'Utrecht' },
      hours: { min: 32, max: 40 },
      publishUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
    });
  });
  afterAll(() => t.close());

  it('shows recruiters no free text, no employer or school names and no exact dates, only what cannot single the person out', async () => {
    const named = await asRecruiterOpens();
    expect(named.status).toBe(200);
    expect(JSON.stringify(named.body)).toContain('Westland');

    expect((await t.http('post', '/profiles/me/anonymise', own())).status).toBe(200);
    const anonymous = await asRecruiterOpens();
    expect(anonymous.status).toBe(200);
    // The public handle is random letters: it may spell "Sam" by chance (a CI run once drew one that did).
    const shown = JSON.stringify({ ...anonymous.body, handle: undefined });
    expect(anonymous.body.handle).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    for (const trace of ['Sam', 'Vries', '0612345678', 'Westland', 'Zwijsen', 'laswerk', '2014-03-01', '2022-08-31'])
      expect(shown).not.toContain(trace);
    expect(anonymous.body.fields).toEqual({
      headline: 'Lasser',
      city: 'Utrecht',
      educationLevel: 'mbo',
      hoursPerWeek: 32,
      workExperience: [{ role: 'Lasser', from: '2014', to: '2022' }],
      education: [{ name: 'MBO Metaaltechniek', year: 2013 }],
    });
    expect(anonymous.body.documents).toEqual([]);

    // The person still sees everything they wrote.
    const mine = await t.http('get', '/profiles/me', own());
    expect(mine.body.fields.summary).toBe(SUMMARY);
    expect((await t.http('post', '/profiles/me/activate', own())).status).toBe(200);
  });

  it('a word of the summary or an employer name no longer finds the anonymous profile; its desired job still does', async () => {
    expect(await searchHit('laswerk')).toBeDefined();
    expect(await searchHit('Westland')).toBeDefined();
    expect((await t.http('post', '/profiles/me/anonymise', own())).status).toBe(200);
    expect(await searchHit('laswerk')).toBeUndefined();
    expect(await searchHit('Westland')).toBeUndefined();
    expect(await searchHit('Zwijsen')).toBeUndefined();
    expect(await searchHit('Lasser')).toBeDefined();
    expect((await t.http('post', '/profiles/me/activate', own())).status).toBe(200);
  });

  it('the anonymous listing carries a new alias, and showing the name again draws another', async () => {
    const before = (await asRecruiterOpens()).body.alias as string;
    expect((await t.http('post', '/profiles/me/anonymise', own())).status).toBe(200);
    const during = (await asRecruiterOpens()).body.alias as string;
    expect(during).toMatch(/^Kandidaat [0-9A-Z]{6}$/);
    expect(during).not.toBe(before);
    expect((await searchHit('Lasser'))?.name).toBe(during);
    expect((await t.http('post', '/profiles/me/activate', own())).status).toBe(200);
    const after = (await asRecruiterOpens()).body.alias as string;
    expect(after).not.toBe(during);
  });

  it("an application stays visible to the vacancy's recruiter, without the person's id that would tie it to the anonymous listing", async () => {
    const applied = await t.http('post', `/vacancies/${vacancyId}/applications`, { ...own(), body: { motivation: 'Ik las al tien jaar.' } });
    expect(applied.status).toBe(201);
    expect((await t.http('post', '/profiles/me/anonymise', own())).status).toBe(200);
    const listed = await asRecruiter(`/vacancies/${vacancyId}/applications`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].applicant.name).toBe('Sam de Vries');
    expect(JSON.stringify(listed.body)).not.toContain(person.id);
    // The person and the tenant's staff still see whose application it is.
    expect((await t.http('get', '/me/applications', own())).body.items[0].applicant.id).toBe(person.id);
  });
});
