import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { sweepRightsDeadlines } from '../../../test/support/workers.js';
import { hallowerkWorld, municipalJobseeker } from './hallowerk.fixture.js';

/**
 * Statement 004: "Wil je je gehele profiel laten verwijderen, dan kun je dat verzoek indienen bij je
 * eigen gemeente." The request reaches the staff of the person's own municipality only; they
 * decide: carry out the deletion, or refuse with a reason that is mailed to the person.
 */
describe('statement 004: deletion on request through the own municipality', () => {
  const clock = new FixedClock('2026-11-02T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  const http = (method: 'get' | 'post', path: string, token: string, body?: unknown) => t.http(method, path, { tenant: tenant.key, token, body });
  const sql = <T>(text: string, params: unknown[]) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const requestErasure = async (token: string) => {
    const res = await http('post', '/rights/requests/me', token, { kind: 'erasure', details: 'Verwijder mijn hele profiel' });
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string };
  };
  const step = (id: string, token: string, status: string, reason?: string) =>
    http('post', `/rights/requests/${id}/status`, token, reason ? { status, reason } : { status });

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
  });
  afterAll(() => t?.close());

  it("reaches the own municipality's staff only; another municipality, an execution organisation and the administrator cannot decide", async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const r = await requestErasure(person.token);
    const ids = async (token: string) => ((await http('get', '/rights/requests', token)).body ?? []).map((x: { id: string }) => x.id);
    expect(await ids(world.ownCoach.token)).toContain(r.id);
    // The region's account managers are staff of the region, not of the municipality that is the
    // person's controller: the request is not theirs to see or decide.
    for (const other of [world.neighbourCoach, world.otherRegionCoach, world.executionOrganisation, world.ownAccountManager]) {
      expect(await ids(other.token)).not.toContain(r.id);
      expect((await http('get', `/rights/requests/${r.id}`, other.token)).status).toBe(404);
      expect((await step(r.id, other.token, 'in-progress')).status).toBe(404);
    }
    // The functional administrator runs the service, not the dossiers: no decision is theirs.
    expect((await step(r.id, world.tenantAdmin.token, 'refused', 'Niet onze beslissing')).status).toBe(403);
    expect((await step(r.id, world.employer.token, 'in-progress')).status).toBe(403);
  });

  it("a request nobody took up in time is escalated to the own municipality's staff only, never to the region's account managers", async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const r = await requestErasure(person.token);
    clock.advanceDays(40);
    await sweepRightsDeadlines(t, tenant);
    clock.advanceDays(-40);
    const told = await sql<{ person_id: string }>(
      `SELECT person_id FROM mail_messages WHERE tenant_id = $1 AND about_person_id = $2 AND template IN ('rights-overdue', 'rights-due-soon')`,
      [person.id],
    );
    const recipients = new Set(told.map((m) => m.person_id));
    expect(recipients.has(world.ownCoach.id)).toBe(true);
    for (const other of [world.ownAccountManager, world.neighbourCoach, world.otherRegionCoach]) expect(recipients.has(other.id)).toBe(false);
    expect(r.id).toBeDefined();
  });

  it('the municipality refuses with a reason, and the person is mailed that reason; nothing is deleted', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const r = await requestErasure(person.token);
    // Submitted through the person's own account: the identity is already verified.
    const noReason = await step(r.id, world.ownCoach.token, 'refused');
    expect({ status: noReason.status, field: noReason.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'reason' });
    const reason = 'Je ontvangt nog een uitkering van de gemeente; je dossier moet bewaard blijven tot die is beëindigd.';
    const refused = await step(r.id, world.ownCoach.token, 'refused', reason);
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('refused');
    const mails = await sql<{ template: string; variables: { reason: string; reference: string } }>(
      `SELECT template, variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'rights-refused'`,
      [person.id],
    );
    expect(mails.map((m) => [m.variables.reference, m.variables.reason])).toEqual([[r.reference, reason]]);
    expect((await http('get', `/profiles/${person.id}`, world.ownCoach.token)).status).toBe(200);
  });

  it('the municipality carries the deletion out: the person, their profile and their mail are gone', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const r = await requestErasure(person.token);
    expect((await step(r.id, world.ownCoach.token, 'in-progress')).status).toBe(200);
    const done = await step(r.id, world.ownCoach.token, 'completed');
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect((await http('get', `/profiles/${person.id}`, world.ownCoach.token)).status).toBe(404);
    expect((await http('get', `/profiles/${person.handle}`, world.employer.token)).status).toBe(404);
    const left = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM accounts WHERE tenant_id = $1 AND id = $2)
            + (SELECT count(*) FROM profiles WHERE tenant_id = $1 AND id = $2)
            + (SELECT count(*) FROM hallowerk_client_numbers WHERE tenant_id = $1 AND person_id = $2)
            + (SELECT count(*) FROM profile_search WHERE tenant_id = $1 AND profile_id = $2)::int AS n`,
      [person.id],
    );
    expect(Number(left[0].n)).toBe(0);
  });
});
