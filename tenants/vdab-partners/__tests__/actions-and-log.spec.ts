import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002: "Als je een actie registreert in Mijn Loopbaan. Deze gegevens worden gekoppeld aan
 * de persoon die ingelogd is", "In de dossiers van werkzoekenden worden de acties bewaard. Het is
 * mogelijk dat een (toekomstige) andere partner inzage krijgt in acties", and the loggings of "wie,
 * wanneer, in welk dossier gewerkt heeft", which partner staff may see for themselves.
 */
describe('statement 002: actions in a dossier, seen by a later partner, and the log of every read and write', () => {
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let w: Awaited<ReturnType<typeof vdabWorld>>;
  const at = async (when: string) => {
    clock.set(when);
    await w.signInAgain();
  };

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('vdab-partners');
    w = await vdabWorld(t, tenant);
  });
  afterAll(() => t?.close());

  it('records an action with type, date, outcome and notes, carrying the signed-in person and the organisation', async () => {
    await at('2026-03-01T08:00:00Z');
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
    const created = expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action()), 201, 'record');
    expect(created.body).toMatchObject({ type: 'coaching-session', date: '2026-03-12', outcome: 'completed', organisation: { id: w.units.werkpunt.id } });
    // The service's own view names the account that recorded it (the person signed in).
    const service = expectStatus(await w.call('get', `/vdab/dossiers/${dossierId}`, w.service.token), 200, 'service read');
    expect(service.body.actions[0]).toMatchObject({ recordedBy: w.werkpuntCoach.id, organisation: { id: w.units.werkpunt.id } });
  });

  it('refuses an action type the tenant does not declare, naming the field, and writes nothing', async () => {
    await at('2026-03-01T08:00:00Z');
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
    const bad = await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action({ type: 'gossip' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('type');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.service.token)).body.actions).toEqual([]);
  });

  it("shows a later partner with a new assignment the earlier actions with the organisation that did them, never the staff member", async () => {
    await at('2026-03-01T08:00:00Z');
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action({ type: 'intake', date: '2026-03-03' })), 201, 'intake');
    await at('2026-04-15T08:00:00Z');
    await w.assign(w.units.gids.id, dossierId, '2026-04-15T00:00:00Z', '2026-08-01T00:00:00Z');
    const later = expectStatus(await w.call('get', `/vdab/dossiers/${dossierId}`, w.gidsCoach.token), 200, 'later partner');
    expect(later.body.actions).toHaveLength(1);
    expect(later.body.actions[0]).toMatchObject({ type: 'intake', date: '2026-03-03', organisation: { id: w.units.werkpunt.id, name: expect.any(String) } });
    const text = JSON.stringify(later.body);
    expect(text).not.toContain(w.werkpuntCoach.id);
    expect(text).not.toContain(w.werkpuntCoach.email);
    expect(later.body.actions[0]).not.toHaveProperty('recordedBy');
    // And the earlier partner, whose assignment ended, no longer reaches the dossier at all.
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token)).status).toBe(404);
  });

  it('logs every read and write of a dossier, and shows partner staff their own entries only', async () => {
    await at('2026-05-01T08:00:00Z');
    const dossierId = await w.dossier();
    await w.assign(w.units.gids.id, dossierId, '2026-05-01T00:00:00Z', '2026-08-01T00:00:00Z');
    expectStatus(await w.call('get', `/vdab/dossiers/${dossierId}`, w.gidsCoach.token), 200, 'read');
    expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.gidsCoach.token, action()), 201, 'write');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token)).status).toBe(404);
    const mine = expectStatus(await w.call('get', '/vdab/me/log', w.gidsCoach.token), 200, 'my log').body as { dossierId: string; what: string; allowed: boolean; at: string }[];
    const here = mine.filter((e) => e.dossierId === dossierId);
    expect(here.map((e) => [e.what, e.allowed])).toEqual([['action.create', true], ['dossier.read', true]]);
    expect(new Date(here[0].at).toISOString()).toBe('2026-05-01T08:00:00.000Z');
    const theirs = expectStatus(await w.call('get', '/vdab/me/log', w.werkpuntCoach.token), 200, 'their log').body as { dossierId: string; what: string; flagged: boolean }[];
    expect(theirs.filter((e) => e.dossierId === dossierId)).toEqual([expect.objectContaining({ what: 'dossier.read', flagged: true })]);
    // The service's own reads and writes are logged too: who, when, which dossier, what.
    expectStatus(await w.call('get', `/vdab/dossiers/${dossierId}`, w.service.token), 200, 'service read');
    const all = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ accountId: string; what: string; at: Date }>(
        `SELECT account_id AS "accountId", what, at FROM vdab_dossier_log WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY id`,
        [tx.tenantId, dossierId],
      ),
    );
    expect(all.map((e) => [e.what, e.accountId])).toEqual([
      ['dossier.create', w.service.id],
      ['assignment.create', w.service.id],
      ['dossier.read', w.gidsCoach.id],
      ['action.create', w.gidsCoach.id],
      ['dossier.read', w.werkpuntCoach.id],
      ['dossier.read', w.service.id],
    ]);
  });
});
