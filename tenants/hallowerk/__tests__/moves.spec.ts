import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

/**
 * Statement 004: each municipality is the controller of its residents' data, and only staff of the
 * person's own municipality (and its region's account managers) see a hidden profile. A jobseeker
 * who moves is handed over by the old municipality: its coaches lose access, the new one's gain it.
 */
describe('statement 004: moving to another municipality', () => {
  const clock = new FixedClock('2026-09-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let person: Person;
  const sql = <T>(text: string, params: unknown[] = []) =>
    t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const get = (path: string, token: string) => t.http('get', path, { tenant: tenant.key, token });
  const move = (token: string, municipalityId: string) =>
    t.http('post', `/hallowerk/people/${person.id}/move`, { tenant: tenant.key, token, body: { municipalityId } });
  const searchIds = async (token: string) => (await get('/search/profiles', token)).body.items.map((i: { id?: string; handle: string }) => i.handle);

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    await sql(`UPDATE org_units SET name = 'Gemeente Schiedam' WHERE tenant_id = $1 AND id = $2`, [world.units.schiedam.id]);
    await sql(`UPDATE org_units SET name = 'Gemeente Den Haag' WHERE tenant_id = $1 AND id = $2`, [world.units.denHaag.id]);
    person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
  });
  afterAll(() => t?.close());

  it('only staff who hold the dossier move the person: the new municipality cannot pull them in, an employer cannot move anyone', async () => {
    expect((await move(world.neighbourCoach.token, world.units.schiedam.id)).status).toBe(404);
    expect((await move(world.otherRegionCoach.token, world.units.denHaag.id)).status).toBe(404);
    expect((await move(world.employer.token, world.units.schiedam.id)).status).toBe(403);
    expect((await move(person.token, world.units.schiedam.id)).status).toBe(403);
    const notAMunicipality = await move(world.ownCoach.token, world.units.rijnmond.id);
    expect({ status: notAMunicipality.status, field: notAMunicipality.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'municipalityId' });
    const same = await move(world.ownCoach.token, world.units.rotterdam.id);
    expect({ status: same.status, field: same.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'municipalityId' });
    expect((await get(`/profiles/${person.id}`, world.ownCoach.token)).status).toBe(200);
  });

  it('an execution organisation works for the municipality but never takes its residents elsewhere', async () => {
    const authorised = await t.http('post', `/hallowerk/municipalities/${world.units.rotterdam.id}/execution-authorisations`, {
      tenant: tenant.key,
      token: world.ownCoach.token,
      body: { organisationId: world.units.execution.id, validFrom: '2026-09-01T00:00:00Z', validUntil: '2026-12-01T00:00:00Z' },
    });
    expect(authorised.status).toBe(201);
    expect((await get(`/profiles/${person.id}`, world.executionOrganisation.token)).status).toBe(200);
    expect((await move(world.executionOrganisation.token, world.units.schiedam.id)).status).toBe(403);
    expect((await get(`/profiles/${person.id}`, world.ownCoach.token)).status).toBe(200);
  });

  it('from the move on the old municipality’s coaches lose access and the new one’s gain it; the supporting municipality follows', async () => {
    expect((await get(`/profiles/${person.id}`, world.neighbourCoach.token)).status).toBe(404);
    const moved = await move(world.ownCoach.token, world.units.schiedam.id);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'moved', municipalityId: world.units.schiedam.id });

    expect((await get(`/profiles/${person.id}`, world.ownCoach.token)).status).toBe(404);
    expect(await searchIds(world.ownCoach.token)).not.toContain(person.handle);
    const now = await get(`/profiles/${person.id}`, world.neighbourCoach.token);
    expect(now.status).toBe(200);
    expect(now.body.fields.supportingMunicipality).toBe('Gemeente Schiedam');
    expect(now.body.fields.clientManagerName).toBeUndefined();
    expect(now.body.fields.clientNumber).toBe(person.internal.clientNumber);
    expect(await searchIds(world.neighbourCoach.token)).toContain(person.handle);
    // Both are in Rijnmond: the region's account manager keeps the person.
    expect((await get(`/profiles/${person.id}`, world.ownAccountManager.token)).status).toBe(200);
    const mine = await get('/profiles/me', person.token);
    expect(mine.body.fields.supportingMunicipality).toBe('Gemeente Schiedam');
  });

  it('a move to another region takes the person out of the old region too', async () => {
    expect((await move(world.neighbourCoach.token, world.units.denHaag.id)).status).toBe(200);
    for (const who of [world.ownCoach, world.neighbourCoach, world.ownAccountManager])
      expect((await get(`/profiles/${person.id}`, who.token)).status).toBe(404);
    for (const who of [world.otherRegionCoach, world.otherAccountManager])
      expect((await get(`/profiles/${person.id}`, who.token)).status).toBe(200);
  });

  it('mails the person which municipality holds their dossier now, and audits each move', async () => {
    const mails = await sql<{ template: string; variables: { municipality: string } }>(
      `SELECT template, variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'municipality-move' ORDER BY created_at, id`,
      [person.id],
    );
    // Both moves happen at the test clock's one moment: the order of the mails is not asserted.
    expect(mails.map((m) => m.variables.municipality).sort()).toEqual(['Gemeente Den Haag', 'Gemeente Schiedam']);
    const audit = await sql<{ details: { fromOrgUnitId: string; toOrgUnitId: string } }>(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'profile.move' ORDER BY id`,
    );
    expect(audit.map((a) => [a.details.fromOrgUnitId, a.details.toOrgUnitId])).toEqual([
      [world.units.rotterdam.id, world.units.schiedam.id],
      [world.units.schiedam.id, world.units.denHaag.id],
    ]);
  });
});
