import { FixedClock, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002: "Als er een Kwalimon of andere controle wordt uitgevoerd". The service's
 * inspectors get, per partner organisation and period, the assignments, actions per assignment,
 * time to first action, dossiers opened and every access attempt outside an assignment, as CSV too.
 */
describe('statement 002: the quality report per partner organisation and period', () => {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let w: Awaited<ReturnType<typeof vdabWorld>>;
  let assigned: string;
  let foreign: string;
  let assignmentId: string;
  const at = async (when: string) => {
    clock.set(when);
    await w.signInAgain();
  };
  const query = (organisationId: string) => `organisationId=${organisationId}&from=2026-03-01&to=2026-03-31`;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('vdab-partners');
    w = await vdabWorld(t, tenant);
    assigned = await w.dossier();
    foreign = await w.dossier();
    assignmentId = await w.assign(w.units.werkpunt.id, assigned, '2026-03-02T00:00:00Z', '2026-06-01T00:00:00Z');
    await w.assign(w.units.gids.id, foreign, '2026-03-02T00:00:00Z', '2026-06-01T00:00:00Z');
    await at('2026-03-02T09:00:00Z');
    expectStatus(await w.call('get', `/vdab/dossiers/${assigned}`, w.werkpuntCoach.token), 200, 'open');
    await at('2026-03-03T12:00:00Z');
    expectStatus(await w.call('post', `/vdab/dossiers/${assigned}/actions`, w.werkpuntCoach.token, action({ type: 'intake' })), 201, 'first action');
    expectStatus(await w.call('post', `/vdab/dossiers/${assigned}/actions`, w.werkpuntCoach.token, action()), 201, 'second action');
    // Werkpunt tries Gids's dossier: flagged.
    expect((await w.call('get', `/vdab/dossiers/${foreign}`, w.werkpuntCoach.token)).status).toBe(404);
  });
  afterAll(() => t?.close());

  it('counts assignments, actions per assignment, time to first action, dossiers opened and flags attempts outside an assignment', async () => {
    const r = expectStatus(await w.call('get', `/vdab/reports/quality?${query(w.units.werkpunt.id)}`, w.service.token), 200, 'report');
    expect(r.body.assignments).toEqual([expect.objectContaining({ id: assignmentId, dossierId: assigned, actions: 2, hoursToFirstAction: 36 })]);
    expect(r.body.totals).toEqual({ assignments: 1, actions: 2, dossiersOpened: 1, flaggedAttempts: 1 });
    expect(r.body.flaggedAttempts).toEqual([
      { at: '2026-03-03T12:00:00.000Z', dossierId: foreign, accountId: w.werkpuntCoach.id, credentialId: null, what: 'dossier.read' },
    ]);
    // Another organisation's report holds none of it.
    const other = expectStatus(await w.call('get', `/vdab/reports/quality?${query(w.units.gids.id)}`, w.service.token), 200, 'other report');
    expect(other.body.totals).toEqual({ assignments: 1, actions: 0, dossiersOpened: 0, flaggedAttempts: 0 });
    // Outside the period: nothing.
    const later = await w.call('get', `/vdab/reports/quality?organisationId=${w.units.werkpunt.id}&from=2026-07-01&to=2026-07-31`, w.service.token);
    expect(later.body.totals).toEqual({ assignments: 0, actions: 0, dossiersOpened: 0, flaggedAttempts: 0 });
  });

  it('exports the same report as CSV, with no names or notes', async () => {
    const res = expectStatus(await w.call('get', `/vdab/reports/quality/csv?${query(w.units.werkpunt.id)}`, w.service.token), 200, 'csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('record,organisation_id,assignment_id,dossier_id,kind,starts_at,ends_at,actions,hours_to_first_action,at,account_id,credential_id,what');
    expect(lines[1]).toBe(`assignment,${w.units.werkpunt.id},${assignmentId},${assigned},job-coaching,2026-03-02T00:00:00.000Z,2026-06-01T00:00:00.000Z,2,36,,,,`);
    expect(lines[2]).toBe(`flagged-attempt,${w.units.werkpunt.id},,${foreign},,,,,,2026-03-03T12:00:00.000Z,${w.werkpuntCoach.id},,dossier.read`);
    expect(res.text).not.toContain('Peeters');
    expect(res.text).not.toContain('CV herwerkt');
  });

  it('is for the service only, and names the field of a bad period or organisation', async () => {
    expect((await w.call('get', `/vdab/reports/quality?${query(w.units.werkpunt.id)}`, w.werkpuntAdmin.token)).status).toBe(403);
    const backwards = await w.call('get', `/vdab/reports/quality?organisationId=${w.units.werkpunt.id}&from=2026-03-31&to=2026-03-01`, w.service.token);
    expect(backwards.status).toBe(422);
    expect(JSON.stringify(backwards.body)).toContain('"to"');
    const team = await t.createOrgUnit(tenant, 'team');
    const notPartner = await w.call('get', `/vdab/reports/quality?${query(team.id)}`, w.service.token);
    expect(notPartner.status).toBe(422);
    expect(JSON.stringify(notPartner.body)).toContain('organisationId');
  });
});
