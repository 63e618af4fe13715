import type { Readable } from 'node:stream';
import { FixedClock, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { QualityReportService, type ReportStreamOptions } from '../vdab-partners.report.service.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

const text = async (stream: Readable): Promise<string> => {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
};

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

  it('streams in batches: with a batch of 2 it holds at most 2 rows at once and writes what one batch would', async () => {
    const org = await t.createOrgUnit(tenant, 'partner-organisation');
    const coach = await t.signedIn(tenant, ['partner'], { orgUnitIds: [org.id] });
    // Five assignments share a start, so batches meet inside a run of equal starts (the id decides).
    const starts = ['2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-05T00:00:00Z', '2026-02-20T00:00:00Z'];
    const dossiers: string[] = [];
    for (const start of starts) {
      const dossier = await w.dossier();
      dossiers.push(dossier);
      await w.assign(org.id, dossier, start, '2026-06-01T00:00:00Z');
    }
    for (const d of dossiers.slice(0, 3)) expectStatus(await w.call('post', `/vdab/dossiers/${d}/actions`, coach.token, action()), 201, 'action');
    for (let i = 0; i < 5; i++) expect((await w.call('get', `/vdab/dossiers/${foreign}`, coach.token)).status).toBe(404);
    const cmd = { organisationId: org.id, from: '2026-03-01', to: '2026-03-31' };
    const reports = t.get(QualityReportService);
    const read = (kind: 'csv' | 'report', opts: ReportStreamOptions) => t.inTenant(tenant, async () => text(await reports[kind](cmd, opts)));

    const progress: number[] = [];
    const batched = await read('csv', { batchSize: 2, onProgress: (n) => progress.push(n) });
    expect(batched).toBe(await read('csv', {}));
    // 7 assignments in 4 batches, then 5 flagged attempts in 3; never more than 2 rows a batch.
    expect(progress).toEqual([2, 4, 6, 7, 9, 11, 12]);
    const lines = batched.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 7 + 5 + 1);
    expect(new Set(lines.filter((l) => l.startsWith('assignment,')).map((l) => l.split(',')[3]))).toEqual(new Set(dossiers));
    expect(lines.at(-1)).toBe(`totals,${org.id},,,,2026-03-01,2026-03-31,3,,,,,dossiers-opened=0;flagged-attempts=5;assignments=7`);

    const json = JSON.parse(await read('report', { batchSize: 2 }));
    expect(json).toEqual(JSON.parse(await read('report', {})));
    expect(json.assignments.map((a: { startsAt: string }) => a.startsAt)).toEqual([...starts].sort().map((s) => new Date(s).toISOString()));
    expect(json.totals).toEqual({ assignments: 7, actions: 3, dossiersOpened: 0, flaggedAttempts: 5 });
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
