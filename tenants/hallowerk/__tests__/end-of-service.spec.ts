import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

/**
 * Statement 004: "nadat de dienstverlening van HalloWerk is beëindigd jouw gegevens nog 10 jaar te
 * bewaren". At the end of the service the profile leaves every employer view at once; only the own
 * region's staff keep access, and the archive term starts.
 */
describe('statement 004: the end of the service', () => {
  const clock = new FixedClock('2026-05-04T10:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let person: Person;
  const get = (path: string, token: string) => t.http('get', path, { tenant: tenant.key, token });
  const end = (token: string) => t.http('post', `/hallowerk/people/${person.id}/end-of-service`, { tenant: tenant.key, token });

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
  });
  afterAll(() => t?.close());

  it('only staff who reach the person end the service: a coach of another region gets 404, an employer 403', async () => {
    expect((await end(world.otherRegionCoach.token)).status).toBe(404);
    expect((await end(world.employer.token)).status).toBe(403);
    expect((await get(`/profiles/${person.handle}`, world.employer.token)).status).toBe(200);
  });

  it('takes the profile out of every employer and account-manager view at once; the own staff keep it whole', async () => {
    const ended = await end(world.ownCoach.token);
    expect(ended.status).toBe(200);
    expect((await get(`/profiles/${person.handle}`, world.employer.token)).status).toBe(404);
    expect((await get(`/profiles/${person.handle}`, world.otherAccountManager.token)).status).toBe(404);
    const search = await get('/search/profiles', world.employer.token);
    expect(search.body.items.map((i: { handle: string }) => i.handle)).not.toContain(person.handle);
    const own = await get(`/profiles/${person.id}`, world.ownCoach.token);
    expect(own.status).toBe(200);
    expect(own.body.fields.clientNumber).toBe(person.internal.clientNumber);
    expect((await get(`/profiles/${person.id}`, world.ownAccountManager.token)).status).toBe(200);
  });

  it('starts the 10-year archive term from the day the service ended', async () => {
    const [state] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ schedule_key: string; anchor_at: Date }>(
        `SELECT schedule_key, anchor_at FROM retention_state WHERE tenant_id = $1 AND person_id = $2`,
        [tx.tenantId, person.id],
      ),
    );
    expect(state.schedule_key).toBe('jobseeker-archive-law');
    expect(new Date(state.anchor_at).toISOString()).toBe('2026-05-04T10:00:00.000Z');
  });
});
