import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { sweepRetention } from '../../../test/support/workers.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker } from './hallowerk.fixture.js';

/**
 * Statement 004: "Mocht er sprake zijn van specifieke subsidieregelingen waarbij de wetgeving ons
 * verplicht jouw gegevens langer te bewaren, dan conformeren we ons aan bewaartermijn uit deze
 * regeling." The clock walks through the 10-year archive term with the core retention engine.
 */
describe('statement 004: a subsidy scheme keeps the person past the 10-year archive term', () => {
  const clock = new FixedClock('2026-05-04T10:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
  });
  afterAll(() => t?.close());

  const sweep = () => sweepRetention(t, tenant);
  const exists = async (personId: string) =>
    (
      await t.get(TenantDb).forTenant(tenant, (tx) => tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, personId]))
    ).length === 1;

  it('deletes a person without a hold 10 years after the end of the service, and keeps a held one until the scheme ends', async () => {
    clock.set('2026-05-04T10:00:00Z');
    const held = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const unheld = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    for (const p of [held, unheld])
      expect((await t.http('post', `/hallowerk/people/${p.id}/end-of-service`, { tenant: tenant.key, token: world.ownCoach.token })).status).toBe(200);

    const hold = await t.http('post', '/retention/holds', {
      tenant: tenant.key,
      token: world.ownCoach.token,
      body: { personId: held.id, reason: 'ESF+ subsidieregeling: bewaren tot einde regeling', endsAt: '2038-01-01T00:00:00Z' },
    });
    expect(hold.status).toBe(201);

    clock.set('2036-05-03T10:00:00Z');
    await sweep();
    expect(await exists(unheld.id)).toBe(true);

    clock.set('2036-05-05T10:00:00Z');
    expect(await sweep()).toMatchObject({ deleted: 1, held: 1 });
    expect(await exists(unheld.id)).toBe(false);
    expect(await exists(held.id)).toBe(true);

    clock.set('2037-12-31T10:00:00Z');
    await sweep();
    expect(await exists(held.id)).toBe(true);

    clock.set('2038-01-01T00:00:00Z');
    expect(await sweep()).toMatchObject({ deleted: 1 });
    expect(await exists(held.id)).toBe(false);
  });

  it("only the person's own municipality reads their retention and holds them; a neighbouring or other region's coach finds nobody", async () => {
    clock.set('2026-05-04T10:00:00Z');
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
    const holdBody = { personId: person.id, reason: 'ESF+ subsidieregeling', endsAt: '2030-01-01T00:00:00Z' };
    for (const outsider of [world.neighbourCoach, world.otherRegionCoach]) {
      expect((await t.http('get', `/retention/people/${person.id}/timeline`, as(outsider.token))).status).toBe(404);
      expect((await t.http('post', '/retention/holds', as(outsider.token, holdBody))).status).toBe(404);
      expect((await t.http('get', `/retention/holds?personId=${person.id}`, as(outsider.token))).status).toBe(404);
      const everyone = await t.http('get', '/retention/holds', as(outsider.token));
      expect(everyone.status).toBe(422);
      expect(JSON.stringify(everyone.body)).toContain('personId');
    }
    expect((await t.http('get', `/retention/people/${person.id}/timeline`, as(world.ownCoach.token))).status).toBe(200);
    const hold = await t.http('post', '/retention/holds', as(world.ownCoach.token, holdBody));
    expect(hold.status).toBe(201);
    expect((await t.http('delete', `/retention/holds/${hold.body.id}`, as(world.neighbourCoach.token))).status).toBe(404);
    expect((await t.http('patch', `/retention/holds/${hold.body.id}`, as(world.neighbourCoach.token, { endsAt: '2031-01-01T00:00:00Z' }))).status).toBe(404);
    expect((await t.http('get', `/retention/holds?personId=${person.id}`, as(world.ownCoach.token))).body.items).toHaveLength(1);
    // The functional administrator runs the tenant's retention as a whole.
    expect((await t.http('get', `/retention/people/${person.id}/timeline`, as(world.tenantAdmin.token))).status).toBe(200);
    expect((await t.http('get', '/retention/holds', as(world.tenantAdmin.token))).status).toBe(200);
  });
});
