import { FixedClock, PersonDataRegistry, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { sweepRetention } from '../../../test/support/workers.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002, "Aanvraag voor toegang tot Mijn Loopbaan voor Partners" and "Welke rechten heb
 * je?": partner staff request an account for their organisation, the service approves or refuses,
 * the organisation's partner admin revokes its own staff (at the next request), the end of access
 * starts the retention term, and a staff member views and corrects their own data.
 */
describe('statement 002: access to the partner environment and the partner staff as data subjects', () => {
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

  const request = (token: string, email: string) => w.call('post', '/vdab/account-requests', token, { email, displayName: 'Nina Nieuw' });

  it('creates the account with an invitation when the service approves a request, in the requesting organisation', async () => {
    const req = expectStatus(await request(w.werkpuntCoach.token, 'nina@werkpunt.example'), 201, 'request');
    expect(req.body).toMatchObject({ status: 'pending', organisationId: w.units.werkpunt.id });
    const pending = expectStatus(await w.call('get', '/vdab/account-requests', w.service.token), 200, 'pending');
    expect(pending.body).toEqual([expect.objectContaining({ id: req.body.id, email: 'nina@werkpunt.example' })]);
    // A partner cannot decide its own request.
    expect((await w.call('post', `/vdab/account-requests/${req.body.id}/approve`, w.werkpuntAdmin.token)).status).toBe(403);
    const approved = expectStatus(await w.call('post', `/vdab/account-requests/${req.body.id}/approve`, w.service.token), 200, 'approve');
    const staff = expectStatus(await w.call('get', '/vdab/organisation/staff', w.werkpuntAdmin.token), 200, 'staff').body as { id: string; email: string; invited: boolean }[];
    expect(staff).toContainEqual(expect.objectContaining({ id: approved.body.accountId, email: 'nina@werkpunt.example', invited: true }));
    const [mail] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ template: string }>(`SELECT template FROM mail_messages WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, approved.body.accountId]),
    );
    expect(mail.template).toBe('account-invitation');
    // Decided: the request keeps no name or address.
    const [row] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ email: string | null; status: string }>(`SELECT email, status FROM vdab_account_requests WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, req.body.id]),
    );
    expect(row).toEqual({ email: null, status: 'approved' });
  });

  it('creates nothing for a refused request, and forgets its name and address', async () => {
    const req = expectStatus(await request(w.gidsCoach.token, 'refused@gids.example'), 201, 'request');
    expectStatus(await w.call('post', `/vdab/account-requests/${req.body.id}/refuse`, w.service.token), 200, 'refuse');
    const staff = expectStatus(await w.call('get', '/vdab/organisation/staff', w.gidsAdmin.token), 200, 'staff').body as { email: string }[];
    expect(staff.map((s) => s.email)).not.toContain('refused@gids.example');
    expect((await w.call('post', `/vdab/account-requests/${req.body.id}/approve`, w.service.token)).status).toBe(404);
  });

  it("stops a staff member the partner admin revokes at the next request; another organisation's admin cannot touch them", async () => {
    const coach = await t.signedIn(tenant, ['partner'], { orgUnitIds: [w.units.werkpunt.id] });
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-02-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, coach.token)).status).toBe(200);
    expect((await w.call('post', `/vdab/organisation/staff/${coach.id}/revoke`, w.gidsAdmin.token)).status).toBe(404);
    expect((await w.call('post', `/vdab/organisation/staff/${coach.id}/revoke`, w.werkpuntCoach.token)).status).toBe(403);
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, coach.token)).status).toBe(200);
    expectStatus(await w.call('post', `/vdab/organisation/staff/${coach.id}/revoke`, w.werkpuntAdmin.token), 200, 'revoke');
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, coach.token)).status).toBe(401);
    expect((await w.call('post', `/vdab/dossiers/${dossierId}/actions`, coach.token, action())).status).toBe(401);
    expect((await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: coach.email, password: coach.password } })).status).toBe(401);
  });

  it('starts the retention term of the identification and contact data when access ends (2 years, then deleted)', async () => {
    const coach = await t.signedIn(tenant, ['partner'], { orgUnitIds: [w.units.gids.id] });
    expectStatus(await w.call('post', `/vdab/organisation/staff/${coach.id}/revoke`, w.gidsAdmin.token), 200, 'revoke');
    const [state] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ schedule_key: string; anchor_at: Date }>(`SELECT schedule_key, anchor_at FROM retention_state WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, coach.id]),
    );
    expect(state.schedule_key).toBe('partner-staff-after-access');
    expect(new Date(state.anchor_at).toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('keeps the actions of a revoked staff member in the dossier, under the organisation', async () => {
    const coach = await t.signedIn(tenant, ['partner'], { orgUnitIds: [w.units.werkpunt.id] });
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-02-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, coach.token, action({ type: 'intake' })), 201, 'record');
    expectStatus(await w.call('post', `/vdab/organisation/staff/${coach.id}/revoke`, w.werkpuntAdmin.token), 200, 'revoke');
    const seen = expectStatus(await w.call('get', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token), 200, 'colleague reads');
    expect(seen.body.actions).toEqual([expect.objectContaining({ type: 'intake', organisation: expect.objectContaining({ id: w.units.werkpunt.id }) })]);
  });

  it('shows partner staff their own data and lets them correct their name', async () => {
    const me = expectStatus(await w.call('get', '/vdab/me', w.werkpuntCoach.token), 200, 'me');
    expect(me.body).toMatchObject({ id: w.werkpuntCoach.id, email: w.werkpuntCoach.email, organisation: { id: w.units.werkpunt.id }, partnerAdmin: false });
    const fixed = expectStatus(await w.call('patch', '/vdab/me', w.werkpuntCoach.token, { displayName: 'Koen De Coach' }), 200, 'correct');
    expect(fixed.body.displayName).toBe('Koen De Coach');
    expect((await w.call('patch', '/vdab/me', w.werkpuntCoach.token, { displayName: '   ' })).status).toBe(400);
    expect((await w.call('get', '/vdab/me', w.werkpuntAdmin.token)).body.partnerAdmin).toBe(true);
  });

  it('deletes the identification and contact data 2 years after access ended; the actions and the log stay, under the organisation', async () => {
    clock.set('2026-03-01T08:00:00Z');
    await w.signInAgain();
    const coach = await t.signedIn(tenant, ['partner'], { orgUnitIds: [w.units.werkpunt.id] });
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-02-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, coach.token, action({ type: 'evaluation' })), 201, 'record');
    expectStatus(await w.call('post', `/vdab/organisation/staff/${coach.id}/revoke`, w.werkpuntAdmin.token), 200, 'revoke');
    const account = () =>
      t.get(TenantDb).forTenant(tenant, (tx) => tx.query(`SELECT id FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, coach.id]));
    clock.set('2028-02-28T08:00:00Z');
    await sweepRetention(t, tenant);
    expect(await account()).toHaveLength(1);
    clock.set('2028-03-02T08:00:00Z');
    await sweepRetention(t, tenant);
    expect(await account()).toEqual([]);
    const [kept] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ recordedBy: string | null; organisationId: string }>(
        `SELECT recorded_by AS "recordedBy", organisation_id AS "organisationId" FROM vdab_actions WHERE tenant_id = $1 AND dossier_id = $2`,
        [tx.tenantId, dossierId],
      ),
    );
    expect(kept).toEqual({ recordedBy: null, organisationId: w.units.werkpunt.id });
    const log = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ accountId: string | null; what: string; organisationId: string }>(
        `SELECT account_id AS "accountId", what, organisation_id AS "organisationId" FROM vdab_dossier_log WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY id`,
        [tx.tenantId, dossierId],
      ),
    );
    // The coach's write stays in the log under the organisation, tied to no one.
    expect(log).toContainEqual({ accountId: null, what: 'action.create', organisationId: w.units.werkpunt.id });
    expect(log.map((l) => l.accountId)).not.toContain(coach.id);
  });

  it("gives a staff member's own actions and log entries in a data-subject export", async () => {
    await w.signInAgain();
    const dossierId = await w.dossier();
    await w.assign(w.units.gids.id, dossierId, '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z');
    expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.gidsCoach.token, action({ type: 'workplace-visit' })), 201, 'record');
    const handler = t.get(PersonDataRegistry).all().find((h) => h.name === 'vdab-partners')!;
    const exported = (await t.get(TenantDb).forTenant(tenant, (tx) => handler.export!(tx, w.gidsCoach.id))) as {
      actions: { type: string; dossierId: string }[];
      log: { what: string; dossierId: string }[];
    };
    expect(exported.actions).toContainEqual(expect.objectContaining({ type: 'workplace-visit', dossierId }));
    expect(exported.log).toContainEqual(expect.objectContaining({ what: 'action.create', dossierId }));
  });
});
