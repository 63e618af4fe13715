import type { TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { discoverRoutes, type DiscoveredRoute } from '../../../test/support/routes.js';
import { INTERNAL_ONLY_KEYS } from '../hallowerk.fields.js';
import { concretePaths, hallowerkWorld, municipalJobseeker, vacancyBody, type Person } from './hallowerk.fixture.js';

type Outsider = 'employer' | 'otherAccountManager' | 'otherRegionCoach' | 'neighbourCoach' | 'executionOrganisation' | 'tenantAdmin';
const OUTSIDERS: Outsider[] = ['employer', 'otherAccountManager', 'otherRegionCoach', 'neighbourCoach', 'executionOrganisation', 'tenantAdmin'];

/** Routes that describe the declaration itself (field keys, purposes, audiences), never a person. */
const REGISTER_ROUTES = new Set(['/rights/register', '/rights/register.html']);

/** Read routes a caller with these roles may call at all. */
const readable = (roles: readonly string[]) => (r: DiscoveredRoute) =>
  r.method === 'GET' && r.rule !== null && (r.rule.kind !== 'roles' || r.rule.roles.some((x) => roles.includes(x)));

/**
 * Statement 004: the internal-only data is "niet gedeeld met werkgevers, ook niet wanneer je jouw
 * profiel zichtbaar maakt". Every read route of the platform, with every id an outsider could know
 * in every path parameter, answers employers, account managers of other regions, coaches outside
 * the municipality, an unauthorised execution organisation and the tenant administrator without any
 * internal-only value or key: not in a body, not in a header.
 */
describe('statement 004: internal-only data never leaves the own region, on any route', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let people: Person[];
  let ids: string[];

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    people = [
      await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true }),
      await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false }),
    ];
    const vacancy = await t.http('post', '/manage/vacancies', { tenant: tenant.key, token: world.employer.token, body: vacancyBody() });
    const applications = [];
    for (const p of people)
      applications.push((await t.http('post', `/vacancies/${vacancy.body.id}/applications`, { tenant: tenant.key, token: p.token, body: { motivation: 'Graag.' } })).body.id);
    ids = [...people.map((p) => p.id), vacancy.body.id, ...applications, ...Object.values(world.units).map((u) => u.id)];
  });
  afterAll(() => t?.close());

  it('the own coach does receive the internal values (the check below can fail)', async () => {
    const res = await t.http('get', `/profiles/${people[1].id}`, { tenant: tenant.key, token: world.ownCoach.token });
    expect(res.text).toContain(String(people[1].internal.clientManagerName));
  });

  it.each(OUTSIDERS)('every read route answers the %s without an internal-only value or key', async (who) => {
    const caller = world[who];
    const routes = discoverRoutes(t.app).filter(readable(caller.roles));
    const secrets = [
      ...people.flatMap((p) => [p.internal.clientNumber, p.internal.birthDate, p.internal.supportingMunicipality, p.internal.clientManagerName] as string[]),
      ...INTERNAL_ONLY_KEYS.map((k) => `"${k}"`),
    ];
    const leaks: string[] = [];
    let calls = 0;
    for (const route of routes)
      for (const path of concretePaths(route.path, ids, tenant.key)) {
        const res = await t.http('get', path, { tenant: tenant.key, token: caller.token });
        calls++;
        const seen = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;
        // The processing register (GDPR art. 30) is public by design: it names each kind of data
        // kept and who receives it, so its keys appear there; a value never may.
        const checked = REGISTER_ROUTES.has(route.path) ? secrets.filter((x) => !x.startsWith('"')) : secrets;
        for (const s of checked) if (seen.includes(s)) leaks.push(`GET ${path} -> ${res.status} contains ${s}`);
      }
    expect(calls).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
    // Every read route with every id: minutes on a loaded 2-core machine.
  }, 300_000);
});

