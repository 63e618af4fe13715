import { TenantDb } from '../../../libs/tenant-host/src/index.js';
import type { TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TEST_PASSWORD, TestApp } from '../../../test/support/test-app.js';
import { decodeHtml, PortalClient } from '../../../test/support/workers.js';
import { vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002 on the web, for partner staff: the same promises as the API. A partner opens a
 * dossier only during its organisation's running assignment (otherwise the page does not exist and
 * the attempt is logged and flagged), registers actions with a form that names each problem next to
 * its field, and sees earlier partners' actions under their organisation's name only.
 */
describe('partner staff work in dossiers through the portal', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof vdabWorld>>;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('vdab-partners');
    world = await vdabWorld(t, tenant);
  });
  afterAll(() => t?.close());

  async function signedIn(who: { email: string }) {
    const web = new PortalClient(t, tenant.key);
    await web.signIn(who.email, TEST_PASSWORD);
    return web;
  }
  const log = (dossierId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ what: string; allowed: boolean; flagged: boolean }>(
        `SELECT what, allowed, flagged FROM vdab_dossier_log WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY id`,
        [tx.tenantId, dossierId],
      ),
    );
  const actionsIn = (dossierId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ type: string; notes: string | null }>(`SELECT type, notes FROM vdab_actions WHERE tenant_id = $1 AND dossier_id = $2`, [tx.tenantId, dossierId]),
    );

  it('lists the dossiers of running assignments only, and opens one with a form to register an action', async () => {
    const running = await world.dossier();
    const ended = await world.dossier();
    await world.assign(world.units.werkpunt.id, running, day(-1), day(30));
    await world.assign(world.units.werkpunt.id, ended, day(-30), day(-1));
    const web = await signedIn(world.werkpuntCoach);
    const list = await web.get('/x/dossiers');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`?dossier=${running}`);
    expect(list.text).not.toContain(ended);
    const page = await web.get(`/x/dossiers?dossier=${running}`);
    expect(page.status).toBe(200);
    expect(decodeHtml(page.text)).toContain('An Peeters');
    expect(page.text).toMatch(/<select[^>]*name="type"/);
    expect((await log(running)).map((l) => l.what)).toContain('dossier.read');
  });

  it('a dossier outside a running assignment is a page that does not exist, and the attempt is logged and flagged', async () => {
    const theirs = await world.dossier();
    await world.assign(world.units.gids.id, theirs, day(-1), day(30));
    const web = await signedIn(world.werkpuntCoach);
    const page = await web.get(`/x/dossiers?dossier=${theirs}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Peeters');
    expect(await log(theirs)).toContainEqual(expect.objectContaining({ what: 'dossier.read', allowed: false, flagged: true }));
  });

  it('registers an action once, even when the form is sent twice, and shows it under the organisation name', async () => {
    const dossier = await world.dossier();
    await world.assign(world.units.werkpunt.id, dossier, day(-1), day(30));
    const web = await signedIn(world.werkpuntCoach);
    const form = await web.get(`/x/dossiers?dossier=${dossier}`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.text)![1];
    const fields = { _action: 'record', dossierId: dossier, idempotencyKey: key, type: 'coaching-session', date: '2026-03-12', outcome: 'completed', notes: 'CV herwerkt.' };
    const first = await web.post(`/x/dossiers?dossier=${dossier}`, fields, { from: `/x/dossiers?dossier=${dossier}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toContain('notice=action-recorded');
    const again = await web.post(`/x/dossiers?dossier=${dossier}`, fields, { from: `/x/dossiers?dossier=${dossier}` });
    expect(again.status).toBe(303);
    expect(await actionsIn(dossier)).toEqual([{ type: 'coaching-session', notes: 'CV herwerkt.' }]);

    // The next partner sees the action under Werkpunt's name, never the coach who registered it.
    await world.assign(world.units.gids.id, dossier, day(-1), day(30));
    const next = await signedIn(world.gidsCoach);
    const seen = decodeHtml((await next.get(`/x/dossiers?dossier=${dossier}`)).text);
    expect(seen).toContain('CV herwerkt.');
    expect(seen).toContain(world.units.werkpunt.name);
    expect(seen).not.toContain(world.werkpuntCoach.email);
  });

  it('a bad action comes back with the message next to its field and the typed notes kept; nothing is registered', async () => {
    const dossier = await world.dossier();
    await world.assign(world.units.werkpunt.id, dossier, day(-1), day(30));
    const web = await signedIn(world.werkpuntCoach);
    const res = await web.post(
      `/x/dossiers?dossier=${dossier}`,
      { _action: 'record', dossierId: dossier, idempotencyKey: 'form-key-12345', type: 'coaching-session', date: '12-03-2026', outcome: 'completed', notes: 'Kept text' },
      { from: `/x/dossiers?dossier=${dossier}` },
    );
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-date-error"/);
    expect(res.text).toMatch(/id="f-date"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('Kept text');
    expect(await actionsIn(dossier)).toEqual([]);
  });

  it('the service staff and jobseekers have no such page', async () => {
    const web = await signedIn(world.service);
    expect((await web.get('/x/dossiers')).status).toBe(403);
    expect((await new PortalClient(t, tenant.key).get('/x/dossiers')).status).toBe(303);
  });
});
