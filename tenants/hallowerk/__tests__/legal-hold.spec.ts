import { FixedClock, TenantDb, type TenantRef } from '../../../libs/plugin-api/src/server.js';
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
});
