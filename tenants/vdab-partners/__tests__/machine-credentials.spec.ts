import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002: partners keep administrative data in their own systems ("administratieve gegevens
 * die je in de eigen systemen van je organisatie verwerkt") and submit actions through the API with
 * a machine credential of their organisation: created and revoked by the partner admin, shown once,
 * stored hashed, scoped to that organisation; submissions are idempotent.
 */
describe('statement 002: machine credentials per partner organisation, with idempotent submissions', () => {
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let w: Awaited<ReturnType<typeof vdabWorld>>;
  let ownDossier: string;
  let otherDossier: string;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('vdab-partners');
    w = await vdabWorld(t, tenant);
    ownDossier = await w.dossier();
    otherDossier = await w.dossier();
    await w.assign(w.units.werkpunt.id, ownDossier, '2026-02-01T00:00:00Z', '2026-12-01T00:00:00Z');
    await w.assign(w.units.gids.id, otherDossier, '2026-02-01T00:00:00Z', '2026-12-01T00:00:00Z');
  });
  afterAll(() => t?.close());

  const submit = (dossierId: string, secret: string | undefined, body: unknown, key?: string) =>
    w.call('post', `/vdab/api/dossiers/${dossierId}/actions`, undefined, body, {
      ...(secret ? { 'X-Api-Key': secret } : {}),
      ...(key ? { 'Idempotency-Key': key } : {}),
    });
  const credential = async (token: string, label = 'CRM') =>
    expectStatus(await w.call('post', '/vdab/credentials', token, { label }), 201, 'create credential').body as { id: string; secret: string };

  it('is created by the partner admin only, shown once and stored as a hash', async () => {
    expect((await w.call('post', '/vdab/credentials', w.werkpuntCoach.token, { label: 'CRM' })).status).toBe(403);
    const created = await credential(w.werkpuntAdmin.token);
    expect(created.secret).toMatch(/^vdabp_/);
    const listed = expectStatus(await w.call('get', '/vdab/credentials', w.werkpuntAdmin.token), 200, 'list');
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    expect(listed.body).toEqual([expect.objectContaining({ id: created.id, label: 'CRM', revokedAt: null })]);
    const [stored] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ row: string }>(`SELECT row_to_json(c)::text AS row FROM vdab_credentials c WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, created.id]),
    );
    expect(stored.row).not.toContain(created.secret);
    expect(stored.row).not.toContain(created.secret.slice(-43));
  });

  it("submits actions into its own organisation's assigned dossiers only: another partner's dossier is a 404, logged and flagged", async () => {
    const { secret, id } = await credential(w.werkpuntAdmin.token);
    const ok = await submit(ownDossier, secret, action());
    expect(ok.status).toBe(201);
    expect(ok.body.organisation.id).toBe(w.units.werkpunt.id);
    expect((await submit(otherDossier, secret, action())).status).toBe(404);
    const [flag] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ credentialId: string; organisationId: string }>(
        `SELECT credential_id AS "credentialId", organisation_id AS "organisationId" FROM vdab_dossier_log
          WHERE tenant_id = $1 AND dossier_id = $2 AND flagged`,
        [tx.tenantId, otherDossier],
      ),
    );
    expect(flag).toEqual({ credentialId: id, organisationId: w.units.werkpunt.id });
    // Nothing landed in the other organisation's dossier.
    expect((await w.call('get', `/vdab/dossiers/${otherDossier}`, w.service.token)).body.actions).toEqual([]);
  });

  it('creates one action for the same Idempotency-Key twice and answers the same; the same key with another body is a 422', async () => {
    const { secret } = await credential(w.werkpuntAdmin.token);
    const first = await submit(ownDossier, secret, action({ notes: 'Idempotent' }), 'crm-4711-0001');
    const again = await submit(ownDossier, secret, action({ notes: 'Idempotent' }), 'crm-4711-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await submit(ownDossier, secret, action({ notes: 'Something else' }), 'crm-4711-0001');
    expect(changed.status).toBe(422);
    expect(changed.body.detail).toContain('Idempotency-Key');
    const all = (await w.call('get', `/vdab/dossiers/${ownDossier}`, w.service.token)).body.actions as { notes: string }[];
    expect(all.filter((a) => a.notes === 'Idempotent')).toHaveLength(1);
    expect(all.some((a) => a.notes === 'Something else')).toBe(false);
  });

  it('answers the same for the same key sent at once (one action)', async () => {
    const { secret } = await credential(w.werkpuntAdmin.token);
    const answers = await Promise.all([1, 2, 3].map(() => submit(ownDossier, secret, action({ notes: 'Concurrent' }), 'crm-4711-0002')));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const all = (await w.call('get', `/vdab/dossiers/${ownDossier}`, w.service.token)).body.actions as { notes: string }[];
    expect(all.filter((a) => a.notes === 'Concurrent')).toHaveLength(1);
  });

  it('stops a revoked credential at its next request; only its own admin revokes it', async () => {
    const { secret, id } = await credential(w.werkpuntAdmin.token);
    expect((await submit(ownDossier, secret, action())).status).toBe(201);
    // Another organisation's admin cannot see or revoke it.
    const foreign = await w.call('post', `/vdab/credentials/${id}/revoke`, w.gidsAdmin.token);
    expect([foreign.status, foreign.body]).toEqual([404, expect.anything()]);
    expect((await submit(ownDossier, secret, action())).status).toBe(201);
    expectStatus(await w.call('post', `/vdab/credentials/${id}/revoke`, w.werkpuntAdmin.token), 200, 'revoke');
    expect((await submit(ownDossier, secret, action())).status).toBe(401);
  });

  it('refuses a missing, malformed or made-up credential with 401, and a session token is no credential', async () => {
    expect((await submit(ownDossier, undefined, action())).status).toBe(401);
    expect((await submit(ownDossier, 'not-a-key', action())).status).toBe(401);
    const { secret } = await credential(w.werkpuntAdmin.token);
    expect((await submit(ownDossier, `${secret.slice(0, -4)}AAAA`, action())).status).toBe(401);
    expect((await w.call('post', `/vdab/api/dossiers/${ownDossier}/actions`, w.werkpuntAdmin.token, action())).status).toBe(401);
  });

  it("a credential of another tenant's organisation is worth nothing here", async () => {
    const other = await t.createTenant('vdab-partners');
    const ow = await vdabWorld(t, other);
    const { secret } = expectStatus(await ow.call('post', '/vdab/credentials', ow.werkpuntAdmin.token, { label: 'X' }), 201, 'other').body;
    expect((await submit(ownDossier, secret, action())).status).toBe(401);
  });

  it('is documented in the OpenAPI document, with the credential and Idempotency-Key headers and an example', async () => {
    const doc = await t.http('get', '/docs-json');
    expect(doc.status).toBe(200);
    const op = doc.body.paths['/vdab/api/dossiers/{dossierId}/actions'].post;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['X-Api-Key', 'Idempotency-Key', 'dossierId']));
    expect(op.requestBody.content['application/json'].examples.coaching.value).toMatchObject({ type: 'coaching-session' });
    expect(op.security ?? []).toEqual([]);
  });
});
