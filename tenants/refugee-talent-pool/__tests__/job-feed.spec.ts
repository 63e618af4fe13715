import { FixedClock, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { employer, registeredJobseeker, type Jobseeker } from './refugeework.fixture.js';
import { vacancyBody } from './vacancy.fixture.js';

/** Statement 000, generated data: "Personalised job feed". */
describe('statement 000: the personalised job feed', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let person: Jobseeker;
  let boss: { token: string; unitId: string };

  const feed = (token: string | undefined, key = tenant.key) => t.http('get', '/refugeework/job-feed', { tenant: key, token });

  async function vacancy(b: { token: string }, overrides: Record<string, unknown>, key = tenant.key): Promise<string> {
    const res = await t.http('post', '/manage/vacancies', { tenant: key, token: b.token, body: vacancyBody(overrides) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const located = (city: string) => ({ city, postcode: '1234 AB', country: 'NL', latitude: 52.5, longitude: 5.5 });

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('refugee-talent-pool');
    boss = await employer(t, tenant);
    person = await registeredJobseeker(t, tenant, {
      fields: {
        functionalSkills: ['welding', 'forklift'],
        socialSkills: undefined,
        languages: undefined,
        workHistory: undefined,
        about: undefined,
        city: 'Lelystad',
        province: 'flevoland',
      },
    });
  });
  afterAll(() => t?.close());

  it('ranks a published vacancy matching the person’s skills above one that does not, and says which words matched', async () => {
    const cook = await vacancy(boss, { title: 'Cook for a hotel kitchen', description: 'Prepare breakfast and dinner for our guests.', location: located('Groningen') });
    clock.advance(60_000);
    const welder = await vacancy(boss, {
      title: 'Welder for steel constructions',
      description: 'Welding steel frames in our workshop; you also drive the forklift.',
      location: located('Groningen'),
    });

    const res = await feed(person.token);
    expect(res.status).toBe(200);
    const ids = res.body.map((v: { id: string }) => v.id);
    expect(ids.indexOf(welder)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(welder)).toBeLessThan(ids.indexOf(cook));
    const item = res.body.find((v: { id: string }) => v.id === welder);
    expect(item).toEqual({
      id: welder,
      title: 'Welder for steel constructions',
      employerName: expect.any(String),
      city: 'Groningen',
      matchedWords: ['welding', 'forklift'],
      reason: 'Matches: welding, forklift',
    });
    expect(res.body.find((v: { id: string }) => v.id === cook).matchedWords).toEqual([]);
  });

  it('puts a vacancy in the person’s own city above an equally unrelated one elsewhere', async () => {
    const near = await vacancy(boss, { title: 'Warehouse assistant', description: 'Sorting parcels and loading vans in a busy distribution centre.', location: located('Lelystad') });
    // The one elsewhere is newer, so only the region boost can put the near one first.
    clock.advance(60_000);
    const far = await vacancy(boss, { title: 'Warehouse assistant', description: 'Sorting parcels and loading vans in a busy distribution centre.', location: located('Maastricht') });
    const res = await feed(person.token);
    const ids = res.body.map((v: { id: string }) => v.id);
    expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(far));
    expect(res.body.find((v: { id: string }) => v.id === near).reason).toBe('In your region');
  });

  it('is the jobseeker’s own: employers, staff and tenant administrators are refused, anonymous callers must sign in', async () => {
    expect((await feed(undefined)).status).toBe(401);
    expect((await feed(boss.token)).status).toBe(403);
    expect((await feed((await t.signedIn(tenant, ['staff'])).token)).status).toBe(403);
    expect((await feed((await t.signedIn(tenant, ['tenant-admin'])).token)).status).toBe(403);
  });

  it('does not exist on a tenant of another kind', async () => {
    const bank = await t.createTenant('kandidatenbank');
    const seeker = await t.signedIn(bank, ['jobseeker']);
    expect((await feed(seeker.token, bank.key)).status).toBe(404);
  });

  it('never lists drafts, closed or expired vacancies, vacancies not yet online, or another tenant’s vacancies', async () => {
    const welding = { description: 'Welding steel and forklift work in a large distribution centre.', location: located('Lelystad') };
    const draft = await vacancy(boss, { ...welding, title: 'Welder (draft)', status: 'draft' });
    const closed = await vacancy(boss, { ...welding, title: 'Welder (closed)' });
    expect((await t.http('patch', `/manage/vacancies/${closed}`, { tenant: tenant.key, token: boss.token, body: { status: 'closed' } })).status).toBe(200);
    const expiring = await vacancy(boss, { ...welding, title: 'Welder (expiring)', publishUntil: '2026-04-02T00:00:00.000Z' });
    const later = await vacancy(boss, { ...welding, title: 'Welder (later)', publishFrom: '2026-06-01T00:00:00.000Z' });
    const other = await t.createTenant('refugee-talent-pool');
    const foreign = await vacancy(await employer(t, other), { ...welding, title: 'Welder (other tenant)' }, other.key);

    const before = (await feed(person.token)).body.map((v: { id: string }) => v.id);
    expect(before).toContain(expiring);
    clock.advanceDays(2);
    // Two days on, the earlier sign-in has lapsed: the person signs in again.
    const login = await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: person.email, password: person.password } });
    const res = await feed(login.body.accessToken);
    expect(res.status).toBe(200);
    const ids = res.body.map((v: { id: string }) => v.id);
    for (const hidden of [draft, closed, expiring, later, foreign]) expect(ids).not.toContain(hidden);
    expect(before).not.toContain(draft);
    expect(before).not.toContain(closed);
    expect(before).not.toContain(later);
    expect(before).not.toContain(foreign);
    expect(ids.length).toBeLessThanOrEqual(20);
  });

});
