import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../index.js';
import { INTERNAL_ONLY_KEYS } from '../hallowerk.fields.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

/**
 * Statement 004: "Het voorgaande punt geldt ook voor medewerkers van een eventuele
 * uitvoeringsorganisatie … die in opdracht van jouw eigen gemeente HalloWerk uitvoeren. Wie er
 * autorisatie krijgt wordt door jouw eigen gemeente geregeld." Only while the municipality has
 * authorised it, an execution organisation's staff reach the municipality's residents as its coaches do.
 */
describe('statement 004: an execution organisation authorised by the municipality', () => {
  const clock = new FixedClock('2026-06-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let visible: Person;
  let hidden: Person;
  const path = () => `/hallowerk/municipalities/${world.units.rotterdam.id}/execution-authorisations`;
  const get = (p: string, token: string, app = t) => app.http('get', p, { tenant: tenant.key, token });
  const authorise = (token: string, body: Record<string, unknown>) => t.http('post', path(), { tenant: tenant.key, token, body });
  // Signed in anew at each moment: the clock walks past the lifetime of a session.
  const fresh = (who: Parameters<TestApp['login']>[0], app = t) => app.login(who);
  const reach = async (who: Parameters<TestApp['login']>[0], app = t) => {
    const token = await fresh(who, app);
    const search = await get('/search/profiles', token, app);
    if (search.status !== 200) throw new Error(`search: ${search.status}`);
    return {
      visible: (await get(`/profiles/${visible.id}`, token, app)).status,
      hidden: (await get(`/profiles/${hidden.handle}`, token, app)).status,
      found: search.body.items.map((i: { handle: string }) => i.handle).sort(),
    };
  };
  const nothing = { visible: 404, hidden: 404, found: [] };
  const audit = (action: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ action: string; subject_type: string; details: Record<string, unknown> }>(
        `SELECT action, subject_type, details FROM audit_log WHERE tenant_id = $1 AND action = $2 ORDER BY id`,
        [tx.tenantId, action],
      ),
    );

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    visible = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    hidden = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
  });
  afterAll(() => t?.close());

  it('only the municipality’s own staff authorise, for an execution organisation only, for a dated period', async () => {
    const body = { organisationId: world.units.execution.id, validFrom: '2026-06-10T00:00:00Z', validUntil: '2026-12-31T00:00:00Z' };
    // The neighbouring municipality, the region and the organisation itself do not decide for Rotterdam.
    for (const who of [world.neighbourCoach, world.ownAccountManager, world.executionOrganisation])
      expect((await authorise(who.token, body)).status).toBe(403);
    expect((await authorise(world.employer.token, body)).status).toBe(403);
    const employerUnit = await authorise(world.ownCoach.token, { ...body, organisationId: world.units.employerUnit.id });
    expect({ status: employerUnit.status, field: employerUnit.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'delegateOrgUnitId' });
    const backwards = await authorise(world.ownCoach.token, { ...body, validUntil: '2026-06-01T00:00:00Z' });
    expect({ status: backwards.status, field: backwards.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'validUntil' });
    const missing = await authorise(world.ownCoach.token, { organisationId: body.organisationId, validFrom: body.validFrom });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('validUntil');
    expect(await reach(world.executionOrganisation)).toEqual(nothing);
  });

  it('before, during, after and once revoked: nothing, the coach’s view (internal fields included), nothing, nothing', async () => {
    const granted = await authorise(world.ownCoach.token, {
      organisationId: world.units.execution.id,
      validFrom: '2026-06-10T00:00:00Z',
      validUntil: '2026-12-31T00:00:00Z',
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ purpose: 'execution', active: false });

    clock.set('2026-06-09T23:59:00Z');
    expect(await reach(world.executionOrganisation)).toEqual(nothing);

    clock.set('2026-06-10T00:00:00Z');
    expect(await reach(world.executionOrganisation)).toEqual({ visible: 200, hidden: 200, found: [visible.handle, hidden.handle].sort() });
    const read = await get(`/profiles/${hidden.id}`, await fresh(world.executionOrganisation));
    expect(read.body.fields).toMatchObject(hidden.internal);
    for (const key of INTERNAL_ONLY_KEYS) expect(read.body.fields).toHaveProperty(key);
    // Authorised by Rotterdam only: the neighbouring municipality's residents stay out of reach.
    const neighbour = await municipalJobseeker(t, tenant, { coachToken: await fresh(world.neighbourCoach), visible: false });
    expect((await get(`/profiles/${neighbour.id}`, await fresh(world.executionOrganisation))).status).toBe(404);
    // Another execution organisation, not authorised, still reaches no one.
    expect(await reach(world.authorisedExecutionOrganisation)).toEqual(nothing);

    clock.set('2026-12-31T00:00:00Z');
    expect(await reach(world.executionOrganisation)).toEqual(nothing);

    clock.set('2026-07-01T00:00:00Z');
    expect(await reach(world.executionOrganisation)).toEqual({ visible: 200, hidden: 200, found: [visible.handle, hidden.handle].sort() });
    const revoke = async (who: Parameters<TestApp['login']>[0]) => t.http('delete', `${path()}/${granted.body.id}`, { tenant: tenant.key, token: await fresh(who) });
    expect((await revoke(world.neighbourCoach)).status).toBe(403);
    expect((await revoke(world.executionOrganisation)).status).toBe(403);
    const revoked = await revoke(world.ownCoach);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, revokedAt: '2026-07-01T00:00:00.000Z' });
    expect(await reach(world.executionOrganisation)).toEqual(nothing);

    const listed = await get(path(), await fresh(world.ownCoach));
    expect(listed.body.items.map((d: { id: string; active: boolean }) => [d.id, d.active])).toEqual([[granted.body.id, false]]);
  });

  it('audits every grant, revocation and use, naming the grant and never the person', async () => {
    expect((await audit('org-unit-delegation.grant')).map((a) => a.details.purpose)).toEqual(['execution']);
    expect(await audit('org-unit-delegation.revoke')).toHaveLength(1);
    const uses = await audit('org-unit-delegation.use');
    expect(uses.filter((u) => u.subject_type === 'profile').length).toBeGreaterThanOrEqual(4);
    expect(uses.filter((u) => u.subject_type === 'candidate-bank').length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(uses)).not.toContain(String(hidden.shared.firstName));
  });

  it('a running grant whose purpose the tenant no longer declares reaches no one: neither found in search nor opened', async () => {
    clock.set('2026-08-01T00:00:00Z');
    const granted = await authorise(await fresh(world.ownCoach), {
      organisationId: world.units.execution.id,
      validFrom: '2026-08-01T00:00:00Z',
      validUntil: '2026-12-31T00:00:00Z',
    });
    expect(granted.status).toBe(201);
    expect(await reach(world.executionOrganisation)).toEqual({ visible: 200, hidden: 200, found: [visible.handle, hidden.handle].sort() });
    // The same database, served by a release whose HalloWerk no longer lets municipalities authorise execution.
    const withoutExecution = registeredTenants.map((d) => {
      if (d.key !== 'hallowerk') return d;
      const bank = d.visibility.candidateBank;
      const delegatedAccess = (bank.delegatedAccess ?? []).filter((p) => p.key !== 'execution');
      const activity = d.activity && { ...d.activity, staffDelegatedPurposes: (d.activity.staffDelegatedPurposes ?? []).filter((p) => p !== 'execution') };
      return { ...d, activity, visibility: { ...d.visibility, candidateBank: { ...bank, delegatedAccess } } };
    });
    const later = await TestApp.boot({ clock, tenants: withoutExecution });
    try {
      expect(await reach(world.executionOrganisation, later)).toEqual(nothing);
      // The municipality's own coach still finds and opens both.
      expect(await reach(world.ownCoach, later)).toEqual({ visible: 200, hidden: 200, found: [visible.handle, hidden.handle].sort() });
    } finally {
      await later.close();
    }
  });
});
