import type { TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { discoverRoutes, type DiscoveredRoute } from '../../../test/support/routes.js';
import { concretePaths, hallowerkWorld, municipalJobseeker, textTag, vacancyBody, type Person } from './hallowerk.fixture.js';

type Reader = 'employer' | 'ownAccountManager' | 'otherAccountManager' | 'neighbourCoach' | 'otherRegionCoach' | 'executionOrganisation' | 'tenantAdmin';
const READERS: Reader[] = ['employer', 'ownAccountManager', 'otherAccountManager', 'neighbourCoach', 'otherRegionCoach', 'executionOrganisation', 'tenantAdmin'];

/** Read routes a caller with these roles may call at all. */
const readable = (roles: readonly string[]) => (r: DiscoveredRoute) =>
  r.method === 'GET' && r.rule !== null && (r.rule.kind !== 'roles' || r.rule.roles.some((x) => roles.includes(x)));

/**
 * Statement 004: "De uitslag zelf wordt niet gedeeld met werkgevers." Two people, one visible to
 * employers and one not, each with a handed-in assessment and an application to the employer's
 * vacancy. Every read route of the platform (profile views, search, the employer's applications,
 * exports, the tenant's own routes), with every id and public handle in every path parameter,
 * answers employers, account managers (who present people to employers), coaches outside the
 * municipality, an unauthorised execution organisation and the administrator without any title,
 * answer or result of an assignment.
 */
describe('statement 004: assessment results are never shared with employers, on any route', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let people: Person[];
  let ids: string[];
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
    people = [
      await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true }),
      await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false }),
    ];
    const vacancy = await t.http('post', '/manage/vacancies', as(world.employer.token, vacancyBody()));
    const found: string[] = [];
    for (const p of people) {
      const tag = textTag();
      const mine = { title: `Assessmenttitel-${tag}`, answers: `Antwoorden-${tag}`, result: `Uitslag-${tag}` };
      secrets.push(...Object.values(mine));
      const given = await t.http('post', `/hallowerk/people/${p.id}/assignments`, as(world.ownCoach.token, { kind: 'assessment', title: mine.title }));
      await t.http('post', `/hallowerk/me/assignments/${given.body.id}/completion`, as(p.token, { answers: mine.answers, result: mine.result }));
      found.push(given.body.id);
      found.push((await t.http('post', `/vacancies/${vacancy.body.id}/applications`, as(p.token, { motivation: 'Graag.' }))).body.id);
    }
    // The org units that name a person's place (municipality, region) or the employer; the others add calls, not reach.
    const units = [world.units.rotterdam, world.units.rijnmond, world.units.employerUnit].map((u) => u.id);
    ids = [...people.flatMap((p) => [p.id, p.handle]), vacancy.body.id, ...found, ...units];
  });
  afterAll(() => t?.close());

  it('the coach and the person do receive the results, and the employer does read the visible profile (the check below can fail)', async () => {
    const coach = await t.http('get', `/hallowerk/people/${people[0].id}/assignments`, { tenant: tenant.key, token: world.ownCoach.token });
    expect(coach.text).toContain(secrets[2]);
    const own = await t.http('get', '/hallowerk/me/assignments', { tenant: tenant.key, token: people[1].token });
    expect(own.text).toContain(secrets[5]);
    const profile = await t.http('get', `/profiles/${people[0].handle}`, { tenant: tenant.key, token: world.employer.token });
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(String(people[0].shared.firstName));
  });

  it.each(READERS)('every read route answers the %s without any title, answer or result of an assignment', async (who) => {
    const caller = world[who];
    const leaks: string[] = [];
    let calls = 0;
    for (const route of discoverRoutes(t.app).filter(readable(caller.roles)))
      for (const path of concretePaths(route.path, ids, tenant.key)) {
        const res = await t.http('get', path, { tenant: tenant.key, token: caller.token });
        calls++;
        const seen = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;
        for (const s of secrets) if (seen.includes(s)) leaks.push(`GET ${path} -> ${res.status} contains ${s}`);
      }
    expect(calls).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  }, 300_000);
});
