import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, PersonDataRegistry, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002: an action registered in a jobseeker's dossier carries its "bijgevoegde
 * documenten". They are reached exactly as the dossier is (during an assignment only, every
 * attempt outside one a 404, logged and flagged), a later partner sees them under the organisation
 * that attached them, every upload and download is in the dossier log, and erasing the dossier
 * leaves no file behind.
 */
describe('statement 002: documents attached to actions', () => {
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let storageDir: string;
  let w: Awaited<ReturnType<typeof vdabWorld>>;
  const at = async (when: string) => {
    clock.set(when);
    await w.signInAgain();
  };

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'vdab-documents-'));
    t = await TestApp.boot({ clock, env: { STORAGE_DIR: storageDir } });
    tenant = await t.createTenant('vdab-partners');
    w = await vdabWorld(t, tenant);
  });
  afterAll(async () => {
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const docs = (dossierId: string, actionId: string) => `/vdab/dossiers/${dossierId}/actions/${actionId}/documents`;
  const upload = (path: string, token: string | undefined, bytes: Buffer, filename = 'verslag.pdf', headers: Record<string, string> = {}) =>
    w.call('post', path, token, undefined, headers).attach('file', bytes, { filename, contentType: 'application/pdf' });
  /** Every file in the store, by path: what a dump of the disk would show. */
  async function storedFiles(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(dir, e.name));
        else out.push(join(dir, e.name));
      }
    };
    await walk(storageDir);
    return out;
  }
  const documentRows = (dossierId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ id: string; storageKey: string }>(`SELECT id, storage_key AS "storageKey" FROM vdab_action_documents WHERE tenant_id = $1 AND dossier_id = $2`, [
        tx.tenantId,
        dossierId,
      ]),
    );
  const logOf = (dossierId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ accountId: string | null; credentialId: string | null; what: string; allowed: boolean; flagged: boolean }>(
        `SELECT account_id AS "accountId", credential_id AS "credentialId", what, allowed, flagged FROM vdab_dossier_log
          WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY id`,
        [tx.tenantId, dossierId],
      ),
    );
  /** A dossier assigned to Werkpunt from March to June, with one action of Werkpunt's coach. */
  async function werkpuntAction() {
    const dossierId = await w.dossier();
    const assignmentId = await w.assign(w.units.werkpunt.id, dossierId, '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
    const created = expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action()), 201, 'record');
    return { dossierId, assignmentId, actionId: created.body.id as string };
  }

  it('lets the assigned partner attach a document to its action and download it byte for byte; the upload and the download are logged', async () => {
    await at('2026-03-02T08:00:00Z');
    const { dossierId, actionId } = await werkpuntAction();
    const bytes = pdf('Intakeverslag');
    const up = expectStatus(await upload(docs(dossierId, actionId), w.werkpuntCoach.token, bytes, 'intakeverslag.pdf'), 201, 'upload');
    expect(up.body).toMatchObject({
      actionId,
      fileName: 'intakeverslag.pdf',
      contentType: 'application/pdf',
      byteSize: bytes.length,
      sha256: sha256(bytes),
      organisation: { id: w.units.werkpunt.id },
    });
    const listed = expectStatus(await w.call('get', docs(dossierId, actionId), w.werkpuntCoach.token), 200, 'list');
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([up.body.id]);
    const down = expectStatus(await w.call('get', `${docs(dossierId, actionId)}/${up.body.id}`, w.werkpuntCoach.token).buffer(true), 200, 'download');
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain('intakeverslag.pdf');
    expect(Buffer.compare(down.body as Buffer, bytes)).toBe(0);
    // The service's staff reach it too, and see who attached it.
    const service = expectStatus(await w.call('get', docs(dossierId, actionId), w.service.token), 200, 'service list');
    expect(service.body[0]).toMatchObject({ uploadedBy: w.werkpuntCoach.id });
    const log = (await logOf(dossierId)).filter((e) => e.what.startsWith('document.'));
    expect(log.map((e) => [e.what, e.accountId, e.allowed])).toEqual([
      ['document.upload', w.werkpuntCoach.id, true],
      ['document.list', w.werkpuntCoach.id, true],
      ['document.download', w.werkpuntCoach.id, true],
      ['document.list', w.service.id, true],
    ]);
    // One row, one file, the same bytes.
    const [row] = await documentRows(dossierId);
    expect(await storedFiles()).toContain(join(storageDir, row.storageKey));
  });

  it('gives a partner without an assignment, and one whose assignment ended, 404 on every document route, logged and flagged', async () => {
    await at('2026-03-02T08:00:00Z');
    const { dossierId, assignmentId, actionId } = await werkpuntAction();
    const doc = expectStatus(await upload(docs(dossierId, actionId), w.werkpuntCoach.token, pdf('Verslag')), 201, 'upload').body.id as string;
    const filesBefore = (await storedFiles()).length;
    const tryAll = async (token: string) => [
      (await upload(docs(dossierId, actionId), token, pdf('Binnengesmokkeld'))).status,
      (await w.call('get', docs(dossierId, actionId), token)).status,
      (await w.call('get', `${docs(dossierId, actionId)}/${doc}`, token)).status,
    ];
    // Loopbaanwijzer (gids) has no assignment for this dossier.
    expect(await tryAll(w.gidsCoach.token)).toEqual([404, 404, 404]);
    // The service ends Werkpunt's assignment: Werkpunt's coach is out at once.
    expectStatus(await w.call('post', `/vdab/assignments/${assignmentId}/end`, w.service.token), 200, 'end');
    expect(await tryAll(w.werkpuntCoach.token)).toEqual([404, 404, 404]);
    const refused = (await logOf(dossierId)).filter((e) => !e.allowed);
    expect(refused.map((e) => [e.accountId, e.what, e.flagged])).toEqual([
      [w.gidsCoach.id, 'document.upload', true],
      [w.gidsCoach.id, 'document.list', true],
      [w.gidsCoach.id, 'document.download', true],
      [w.werkpuntCoach.id, 'document.upload', true],
      [w.werkpuntCoach.id, 'document.list', true],
      [w.werkpuntCoach.id, 'document.download', true],
    ]);
    // Nothing of the refused uploads was kept.
    expect(await documentRows(dossierId)).toHaveLength(1);
    expect((await storedFiles()).length).toBe(filesBefore);
  });

  it('shows a later partner with a new assignment the earlier documents with the organisation that attached them, never the staff member', async () => {
    await at('2026-03-02T08:00:00Z');
    const dossierId = await w.dossier();
    await w.assign(w.units.werkpunt.id, dossierId, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    const actionId = expectStatus(await w.call('post', `/vdab/dossiers/${dossierId}/actions`, w.werkpuntCoach.token, action({ type: 'intake' })), 201, 'intake').body
      .id as string;
    const bytes = pdf('Intake bij Werkpunt');
    const doc = expectStatus(await upload(docs(dossierId, actionId), w.werkpuntCoach.token, bytes), 201, 'upload').body.id as string;
    await at('2026-04-15T08:00:00Z');
    await w.assign(w.units.gids.id, dossierId, '2026-04-15T00:00:00Z', '2026-08-01T00:00:00Z');
    const listed = expectStatus(await w.call('get', docs(dossierId, actionId), w.gidsCoach.token), 200, 'later partner lists');
    expect(listed.body).toEqual([expect.objectContaining({ id: doc, organisation: { id: w.units.werkpunt.id, name: expect.any(String) } })]);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(w.werkpuntCoach.id);
    expect(text).not.toContain(w.werkpuntCoach.email);
    expect(listed.body[0]).not.toHaveProperty('uploadedBy');
    const down = expectStatus(await w.call('get', `${docs(dossierId, actionId)}/${doc}`, w.gidsCoach.token).buffer(true), 200, 'later partner downloads');
    expect(Buffer.compare(down.body as Buffer, bytes)).toBe(0);
    // It reads the earlier partner's action; it adds to its own actions only.
    const other = await upload(docs(dossierId, actionId), w.gidsCoach.token, pdf('Erbij'));
    expect(other.status).toBe(422);
    expect(other.body.errors.map((e: { field: string }) => e.field)).toEqual(['actionId']);
    expect(await documentRows(dossierId)).toHaveLength(1);
  });

  it("lets a machine credential attach to its own organisation's action; a credential of another organisation gets 404, logged and flagged, and nothing is stored", async () => {
    await at('2026-03-02T08:00:00Z');
    const { dossierId, actionId } = await werkpuntAction();
    const own = expectStatus(await w.call('post', '/vdab/credentials', w.werkpuntAdmin.token, { label: 'CRM' }), 201, 'credential').body as { id: string; secret: string };
    const other = expectStatus(await w.call('post', '/vdab/credentials', w.gidsAdmin.token, { label: 'CRM' }), 201, 'credential').body as { id: string; secret: string };
    const path = `/vdab/api/dossiers/${dossierId}/actions/${actionId}/documents`;
    const ok = expectStatus(await upload(path, undefined, pdf('Uit het CRM'), 'crm.pdf', { 'X-Api-Key': own.secret }), 201, 'machine upload');
    expect(ok.body.organisation.id).toBe(w.units.werkpunt.id);
    const filesBefore = (await storedFiles()).length;
    expect((await upload(path, undefined, pdf('Van Loopbaanwijzer'), 'x.pdf', { 'X-Api-Key': other.secret })).status).toBe(404);
    expect((await upload(path, undefined, pdf('Zonder sleutel'))).status).toBe(401);
    expect(await documentRows(dossierId)).toEqual([expect.objectContaining({ id: ok.body.id })]);
    expect((await storedFiles()).length).toBe(filesBefore);
    const machine = (await logOf(dossierId)).filter((e) => e.credentialId);
    expect(machine.map((e) => [e.credentialId, e.what, e.allowed, e.flagged])).toEqual([
      [own.id, 'document.upload', true, false],
      [other.id, 'document.upload', false, true],
    ]);
  });

  it('refuses a file that is too large, of another type, or missing with a 4xx naming the field, and keeps neither a row nor a file', async () => {
    await at('2026-03-02T08:00:00Z');
    const { dossierId, actionId } = await werkpuntAction();
    const filesBefore = (await storedFiles()).length;
    const tooLarge = Buffer.concat([pdf('groot'), Buffer.alloc(10 * 1024 * 1024)]);
    const big = await upload(docs(dossierId, actionId), w.werkpuntCoach.token, tooLarge);
    expect(big.status).toBe(413);
    const text = await w
      .call('post', docs(dossierId, actionId), w.werkpuntCoach.token)
      .attach('file', Buffer.from('gewoon een tekst, geen pdf'), { filename: 'cv.pdf', contentType: 'application/pdf' });
    expect(text.status).toBe(422);
    const none = await w.call('post', docs(dossierId, actionId), w.werkpuntCoach.token).field('note', 'geen bestand');
    const json = await w.call('post', docs(dossierId, actionId), w.werkpuntCoach.token, { file: 'x' });
    expect(json.status).toBe(415);
    for (const res of [big, text, none, json]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('file');
    }
    expect(await documentRows(dossierId)).toEqual([]);
    expect((await storedFiles()).length).toBe(filesBefore);
    const pending = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT storage_key FROM document_file_deletions WHERE tenant_id = $1`, [tx.tenantId]),
    );
    expect(pending).toEqual([]);
  });

  it("erasing the jobseeker's dossier leaves no file on disk and no document row", async () => {
    await at('2026-03-02T08:00:00Z');
    const { dossierId, actionId } = await werkpuntAction();
    const bytes = pdf(`Persoonlijk verslag ${dossierId}`);
    expectStatus(await upload(docs(dossierId, actionId), w.werkpuntCoach.token, bytes, 'verslag-an-peeters.pdf'), 201, 'upload');
    const [row] = await documentRows(dossierId);
    expect(await storedFiles()).toContain(join(storageDir, row.storageKey));
    expect((await w.call('delete', `/vdab/dossiers/${dossierId}`, w.werkpuntCoach.token)).status).toBe(403);
    const erased = expectStatus(await w.call('delete', `/vdab/dossiers/${dossierId}`, w.service.token), 200, 'erase');
    expect(erased.body).toMatchObject({ id: dossierId, documentsDeleted: 1 });
    await t.settled();
    expect(await documentRows(dossierId)).toEqual([]);
    expect(await storedFiles()).not.toContain(join(storageDir, row.storageKey));
    // No file anywhere holds the document's bytes.
    for (const f of await storedFiles()) expect((await readFile(f)).includes(bytes)).toBe(false);
    expect((await w.call('get', `/vdab/dossiers/${dossierId}`, w.service.token)).status).toBe(404);
    expect((await logOf(dossierId)).at(-1)).toMatchObject({ what: 'dossier.erase', accountId: w.service.id });
  });

  it("lists the documents a staff member attached in their data-subject export, with the hash to check a copy", async () => {
    await at('2026-03-02T08:00:00Z');
    const { dossierId, actionId } = await werkpuntAction();
    const bytes = pdf('Voor de export');
    const up = expectStatus(await upload(docs(dossierId, actionId), w.werkpuntCoach.token, bytes, 'export.pdf'), 201, 'upload');
    const handler = t.get(PersonDataRegistry).all().find((h) => h.name === 'vdab-partners')!;
    const exported = (await t.get(TenantDb).forTenant(tenant, (tx) => handler.export!(tx, w.werkpuntCoach.id))) as {
      documents: { id: string; actionId: string; fileName: string; sha256: string }[];
    };
    expect(exported.documents).toContainEqual(expect.objectContaining({ id: up.body.id, actionId, dossierId, fileName: 'export.pdf', sha256: sha256(bytes) }));
    const theirs = (await t.get(TenantDb).forTenant(tenant, (tx) => handler.export!(tx, w.gidsCoach.id))) as { documents: { id: string }[] };
    expect(theirs.documents.map((d) => d.id)).not.toContain(up.body.id);
  });

  it('documents the uploads in the OpenAPI document as a multipart body with one file', async () => {
    const doc = expectStatus(await t.http('get', '/docs-json'), 200, 'docs').body;
    for (const path of ['/vdab/dossiers/{dossierId}/actions/{actionId}/documents', '/vdab/api/dossiers/{dossierId}/actions/{actionId}/documents']) {
      const body = doc.paths[path].post.requestBody.content['multipart/form-data'];
      expect(body.schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
    }
    expect(doc.paths['/vdab/dossiers/{dossierId}/actions/{actionId}/documents'].get).toBeDefined();
    expect(doc.paths['/vdab/dossiers/{dossierId}/actions/{actionId}/documents/{documentId}'].get).toBeDefined();
  });
});
