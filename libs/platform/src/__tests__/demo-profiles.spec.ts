import { DemoSeeder } from '../index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants } from '../../../../tenants/index.js';

const hallowerk = tenants.find((d) => d.key === 'hallowerk')!;
const accountOf = (email: string) => hallowerk.demo!.accounts.find((a) => a.email === email)!;

/**
 * Demo jobseekers with a pre-filled profile (DemoAccount.profile), as `npm start` seeds HalloWerk:
 * listed or not as declared, under their municipality, reached only as the tenant's rules allow.
 */
describe('demo jobseekers with pre-filled profiles (HalloWerk)', () => {
  let t: TestApp;
  const login = (email: string) => t.http('post', '/auth/login', { tenant: 'hallowerk', body: { email, password: accountOf(email).password } });
  const token = async (email: string) => (await login(email)).body.accessToken as string;
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name).sort();

  beforeAll(async () => {
    t = await TestApp.boot();
    await t.get(DemoSeeder).seed();
  });
  afterAll(() => t?.close());

  it('seeds the jobseekers pre-filled and listed; seeding a second time is harmless', async () => {
    await t.get(DemoSeeder).seed();
    const me = await t.http('get', '/profiles/me', { tenant: 'hallowerk', token: await token('fatima@inwoner.example') });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ state: 'active', visibleToEmployers: true });
    expect(me.body.fields).toMatchObject({ clientNumber: 'RTM-100234', supportLevel: 'samen', targetGroups: ['praktijkroute'] });
  });

  it('the employer finds the visible jobseekers without any internal-only field, and not the hidden one', async () => {
    const res = await t.http('get', '/search/profiles', { tenant: 'hallowerk', token: await token('werkgever@havenlogistiek.example') });
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['Fatima El Amrani', 'Sanne Bakker']);
    for (const hit of res.body.items) expect(hit.fields).not.toHaveProperty('clientNumber');
  });

  it("the region's account manager finds the region's jobseekers, the hidden one included; a coach only the own municipality's", async () => {
    const manager = await t.http('get', '/search/profiles', { tenant: 'hallowerk', token: await token('accountmanager@rijnmond.hallowerk.example') });
    expect(names(manager)).toEqual(['Fatima El Amrani', 'Johan de Wit']);
    const coach = await t.http('get', '/search/profiles', { tenant: 'hallowerk', token: await token('klantmanager@rotterdam.hallowerk.example') });
    expect(names(coach)).toEqual(['Fatima El Amrani']);
  });
});
