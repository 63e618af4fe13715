import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002: partner organisations carry out assignments for VDAB; only during an assignment
 * may the organisation's staff open the jobseeker's dossier. Outside it every route answers 404,
 * as for a dossier that does not exist, and the attempt is logged and flagged.
 */
describe('statement 002: a partner opens a dossier only during an active assignment of its organisation', () => {
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let w: Awaited<ReturnType<typeof vdabWorld>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('vdab-partners');
    w = await vdabWorld(t, tenant);
  });
  afterAll(() => t?.close());
  const at = async (when: string) => {
    clock.set(when);
    await w.signInAgain();
  };

  const flaggedAttempts = (dossierId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ accountId: string; organisationId: string; what: string; at: Date }>(
        `SELECT account_id AS "accountId", organisation_id AS "organisationId", what, at FROM vdab_dossier_log
          WHERE tenant_id = $1 AND dossier_id = $2 AND flagged ORDER BY id`,
        [tx.tenantId, dossierId],
      ),
    );

  it('gives a partner without an assignment 404 on every dossier route, and logs and flags each attempt (who, when, which dossier, what)', async () => {
    await at('2026-03-01T08:00:00Z');
    const dossierId = await w.dossier();
    // Another organisation's assignment does not open the dossier to Werkpunt.
    await w.assign(w.units.gids.id, dossierId, '2026-02-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token)).status).toBe(404);
    expect((await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action())).status).toBe(404);
    const absent = await w.call('get', `/vdab/dossiers/00000000-0000-4000-8000-000000000000`, w.werkpuntCoach.token);
    expect(absent.status).toBe(404);
    // Same answer as for a dossier that does not exist: nothing tells the dossier is there.
    const refused = await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token);
    expect(refused.body.detail).toBe(absent.body.detail);
    const attempts = await flaggedAttempts(dossierId);
    expect(attempts.map((a) => a.what)).toEqual(['dossier.read', 'action.create', 'dossier.read']);
    for (const a of attempts) {
      expect(a.accountId).toBe(w.werkpuntCoach.id);
      expect(a.organisationId).toBe(w.units.werkpunt.id);
      expect(new Date(a.at).toISOString()).toBe('2026-03-01T08:00:00.000Z');
    }
  });

  it('opens the dossier from the start of the assignment and closes it the moment the assignment ends (walking the clock)', async () => {
    await at('2026-03-01T08:00:00Z');
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-03-02T00:00:00Z', '2026-03-10T12:00:00Z');
    const read = () => w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token);
    expect((await read()).status).toBe(404); // not started yet
    await at('2026-03-02T00:00:00Z');
    const open = expectStatus(await read(), 200, 'read during the assignment');
    expect(open.body.assignment.kind).toBe('job-coaching');
    expect((await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action())).status).toBe(201);
    const listed = expectStatus(await w.call('get', '/vdab/me/assignments', w.werkpuntCoach.token), 200, 'my assignments');
    expect(listed.body.map((a: { dossierId: string }) => a.dossierId)).toContain(dossierId);
    await at('2026-03-10T11:59:59.999Z');
    expect((await read()).status).toBe(200);
    await at('2026-03-10T12:00:00Z');
    expect((await read()).status).toBe(404);
    expect((await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action())).status).toBe(404);
    expect((await flaggedAttempts(dossierId)).map((a) => a.what)).toEqual(['dossier.read', 'dossier.read', 'action.create']);
    const after = expectStatus(await w.call('get', '/vdab/me/assignments', w.werkpuntCoach.token), 200, 'my assignments after');
    expect(after.body.map((a: { dossierId: string }) => a.dossierId)).not.toContain(dossierId);
  });

  it('closes access at once when the service ends an assignment early', async () => {
    await at('2026-04-01T08:00:00Z');
    const dossierId = await w.dossier();
    const assignmentId = await w.assign(w.units.werkpunt.id, dossierId, '2026-04-01T00:00:00Z', '2026-10-01T00:00:00Z');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token)).status).toBe(200);
    expectStatus(await w.call('post', `/vdab/assignments/${assignmentId}/end`, w.service.token), 200, 'end assignment');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token)).status).toBe(404);
    expect((await w.call('post', '/vdab/assignments/00000000-0000-4000-8000-000000000000/end', w.service.token)).status).toBe(404);
  });

  it('lets the service staff open every dossier, and refuses partners the service routes', async () => {
    const dossierId = await w.dossier();
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.service.token)).status).toBe(200);
    expect((await w.call('post', '/vdab/dossiers', w.werkpuntCoach.token, { reference: 'X-1', firstName: 'A', lastName: 'B' })).status).toBe(403);
    expect(
      (await w.call('post', '/vdab/assignments', w.werkpuntCoach.token, {
        organisationId: w.units.werkpunt.id, dossierId, kind: 'job-coaching', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z',
      })).status,
    ).toBe(403);
  });

  it('refuses an assignment to an organisation that is no partner organisation, or that ends before it starts, naming the field', async () => {
    const dossierId = await w.dossier();
    const team = await t.createOrgUnit(tenant, 'team');
    const bad = await w.call('post', '/vdab/assignments', w.service.token, {
      organisationId: team.id, dossierId, kind: 'job-coaching', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z',
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('organisationId');
    const backwards = await w.call('post', '/vdab/assignments', w.service.token, {
      organisationId: w.units.werkpunt.id, dossierId, kind: 'job-coaching', startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z',
    });
    expect(backwards.status).toBe(422);
    expect(JSON.stringify(backwards.body)).toContain('endsAt');
  });
});
