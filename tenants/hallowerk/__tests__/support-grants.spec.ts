import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

/**
 * Statement 004: "Medewerkers van de bedrijven die de ICT leveren voor HalloWerk kunnen voor
 * beheerdoeleinden jouw gegevens zien … Jouw gemeente heeft hiervoor een verwerkersovereenkomst."
 * The supplier's support staff see a resident only while the resident's municipality grants it, for
 * at most 14 days, revocable, and every access is audited. Without a grant they see nothing.
 */
describe('statement 004: support access by the ICT supplier only under a grant of the municipality', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let person: Person;
  const path = () => `/hallowerk/municipalities/${world.units.rotterdam.id}/support-grants`;
  const grant = async (body: Record<string, unknown>) =>
    t.http('post', path(), { tenant: tenant.key, token: await t.login(world.ownCoach), body });
  const sees = async () => {
    const token = await t.login(world.platformSupport);
    const search = await t.http('get', '/search/profiles', { tenant: tenant.key, token });
    return {
      profile: (await t.http('get', `/profiles/${person.id}`, { tenant: tenant.key, token })).status,
      found: search.body.items.length,
    };
  };
  const uses = () =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ subject_type: string; details: { purpose: string } }>(
        `SELECT subject_type, details FROM audit_log WHERE tenant_id = $1 AND action = 'org-unit-delegation.use' ORDER BY id`,
        [tx.tenantId],
      ),
    );

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
  });
  afterAll(() => t?.close());

  it('without a grant the support team sees nothing, and nothing of its looking is a use', async () => {
    expect(await sees()).toEqual({ profile: 404, found: 0 });
    expect(await uses()).toEqual([]);
  });

  it('a grant is short and for the support team only: 30 days or an execution organisation are refused, naming the field', async () => {
    const long = await grant({ supportTeamId: world.units.supportTeam.id, validFrom: '2026-04-01T09:00:00Z', validUntil: '2026-05-01T09:00:00Z' });
    expect({ status: long.status, field: long.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'validUntil' });
    const wrongUnit = await grant({ supportTeamId: world.units.execution.id, validFrom: '2026-04-01T09:00:00Z', validUntil: '2026-04-05T09:00:00Z' });
    expect({ status: wrongUnit.status, field: wrongUnit.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'delegateOrgUnitId' });
    const bySupport = await t.http('post', path(), {
      tenant: tenant.key,
      token: await t.login(world.platformSupport),
      body: { supportTeamId: world.units.supportTeam.id, validFrom: '2026-04-01T09:00:00Z', validUntil: '2026-04-05T09:00:00Z' },
    });
    expect(bySupport.status).toBe(403);
    expect(await sees()).toEqual({ profile: 404, found: 0 });
  });

  it('while the grant runs the support team sees the resident, every access audited; after it ends or is revoked, nothing', async () => {
    const granted = await grant({ supportTeamId: world.units.supportTeam.id, validFrom: '2026-04-01T09:00:00Z', validUntil: '2026-04-08T09:00:00Z' });
    expect(granted.status).toBe(201);
    expect(await sees()).toEqual({ profile: 200, found: 1 });
    expect((await uses()).map((u) => [u.subject_type, u.details.purpose])).toEqual([
      ['candidate-bank', 'support'],
      ['profile', 'support'],
    ]);

    clock.set('2026-04-08T09:00:00Z');
    expect(await sees()).toEqual({ profile: 404, found: 0 });

    clock.set('2026-04-02T09:00:00Z');
    expect(await sees()).toEqual({ profile: 200, found: 1 });
    // The support route cannot be used to end an execution organisation's authorisation, nor the other way round.
    const coach = await t.login(world.ownCoach);
    const viaExecution = `/hallowerk/municipalities/${world.units.rotterdam.id}/execution-authorisations/${granted.body.id}`;
    expect((await t.http('delete', viaExecution, { tenant: tenant.key, token: coach })).status).toBe(404);
    expect((await t.http('delete', `${path()}/${granted.body.id}`, { tenant: tenant.key, token: coach })).status).toBe(200);
    expect(await sees()).toEqual({ profile: 404, found: 0 });
  });

  it('under a running grant the support team looks at the dossier for maintenance but does not coach: it neither gives nor reads assignments', async () => {
    const granted = await grant({ supportTeamId: world.units.supportTeam.id, validFrom: '2026-04-02T09:00:00Z', validUntil: '2026-04-09T09:00:00Z' });
    expect(granted.status).toBe(201);
    const coach = await t.login(world.ownCoach);
    const support = await t.login(world.platformSupport);
    const assignments = `/hallowerk/people/${person.id}/assignments`;
    const given = await t.http('post', assignments, { tenant: tenant.key, token: coach, body: { kind: 'assessment', title: 'Interessetest voor de coach' } });
    expect(given.status).toBe(201);

    expect(await sees()).toEqual({ profile: 200, found: 1 });
    const read = await t.http('get', assignments, { tenant: tenant.key, token: support });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain('Interessetest');
    const give = await t.http('post', assignments, { tenant: tenant.key, token: support, body: { kind: 'assessment', title: 'Door support gegeven' } });
    expect(give.status).toBe(404);
    const held = await t.http('get', assignments, { tenant: tenant.key, token: coach });
    expect(held.body.items.map((a: { title: string }) => a.title)).toEqual(['Interessetest voor de coach']);
    expect((await t.http('delete', `${path()}/${granted.body.id}`, { tenant: tenant.key, token: coach })).status).toBe(200);
  });
});
