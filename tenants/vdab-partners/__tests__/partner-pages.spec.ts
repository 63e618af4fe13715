import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantDb } from '../../../libs/tenant-host/src/index.js';
import type { TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TEST_PASSWORD, TestApp } from '../../../test/support/test-app.js';
import { decodeHtml, PortalClient } from '../../../test/support/workers.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

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
  let storageDir: string;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'vdab-pages-'));
    t = await TestApp.boot({ env: { STORAGE_DIR: storageDir } });
    tenant = await t.createTenant('vdab-partners');
    world = await vdabWorld(t, tenant);
  });
  afterAll(async () => {
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

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

  describe("an action's documents", () => {
    /** A PDF with bytes no text handling would leave alone. */
    const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(4000), Buffer.from('\n%%EOF\n')]);
    const documentRows = (dossierId: string) =>
      t.get(TenantDb).forTenant(tenant, (tx) =>
        tx.query<{ id: string; storageKey: string }>(`SELECT id, storage_key AS "storageKey" FROM vdab_action_documents WHERE tenant_id = $1 AND dossier_id = $2`, [
          tx.tenantId,
          dossierId,
        ]),
      );
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
    /** A dossier of Werkpunt's running assignment with one action Werkpunt's coach registered. */
    async function dossierWithAction() {
      const dossierId = await world.dossier();
      const assignmentId = await world.assign(world.units.werkpunt.id, dossierId, day(-1), day(30));
      const res = await world.call('post', `/vdab/dossiers/${dossierId}/actions`, world.werkpuntCoach.token, action({ notes: undefined }));
      return { dossierId, assignmentId, actionId: expectStatus(res, 201, 'record action').body.id as string };
    }
    /** Sends the action's own upload form from the dossier page, as a browser does. */
    async function attach(web: PortalClient, dossierId: string, actionId: string, bytes: Buffer, filename: string, contentType = 'application/pdf') {
      const page = decodeHtml((await web.get(`/x/dossiers?dossier=${dossierId}`)).text);
      const target = [...page.matchAll(/<form method="post" action="([^"]+)" enctype="multipart\/form-data">/g)].map((m) => m[1]).find((a) => a.includes(`action=${actionId}`));
      if (!target) throw new Error(`no upload form for action ${actionId}`);
      return web.agent
        .post(target)
        .set('accept', 'text/html')
        .field('_action', 'attach')
        .field('dossierId', dossierId)
        .field('actionId', actionId)
        .attach('file', bytes, { filename, contentType });
    }
    /** Sends an upload form the page does not offer (another dossier's action), with a good token. */
    async function attachUnoffered(web: PortalClient, dossierId: string, actionId: string, bytes: Buffer) {
      const page = decodeHtml((await web.get('/x/dossiers')).text);
      const token = /name="_csrf" value="([^"]+)"/.exec(page)![1];
      return web.agent
        .post(web.path(`/x/dossiers/upload?_csrf=${encodeURIComponent(token)}&dossier=${dossierId}&action=${actionId}`))
        .set('accept', 'text/html')
        .field('_action', 'attach')
        .field('dossierId', dossierId)
        .field('actionId', actionId)
        .attach('file', bytes, { filename: 'verslag.pdf', contentType: 'application/pdf' });
    }
    const binary = (req: ReturnType<PortalClient['get']>) =>
      req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const downloadPath = (dossierId: string, actionId: string, documentId: string) =>
      `/x/dossiers/download?dossier=${dossierId}&action=${actionId}&document=${documentId}`;

    it('attaches a PDF to an action from its form, lists it with name, type, size, when and organisation, and downloads it byte for byte', async () => {
      const { dossierId, actionId } = await dossierWithAction();
      const web = await signedIn(world.werkpuntCoach);
      const bytes = pdf();
      const sent = await attach(web, dossierId, actionId, bytes, 'intakeverslag.pdf');
      expect(sent.status).toBe(303);
      expect(sent.headers.location).toContain(`dossier=${dossierId}`);
      expect(sent.headers.location).toContain('notice=document-attached');
      const [row] = await documentRows(dossierId);
      expect(await storedFiles()).toContain(join(storageDir, row.storageKey));

      const page = decodeHtml((await web.get(`/x/dossiers?dossier=${dossierId}`)).text);
      const link = new RegExp(`href="([^"]*/x/dossiers/download\\?dossier=${dossierId}&action=${actionId}&document=${row.id})"[^>]*>intakeverslag\\.pdf</a>`).exec(page);
      expect(link).not.toBeNull();
      const listed = page.slice(page.indexOf(link![0]), page.indexOf('</tr>', page.indexOf(link![0])));
      expect(listed).toContain('PDF');
      expect(listed).toContain('3,9 KB');
      expect(listed).toContain(world.units.werkpunt.name);
      expect(listed).toMatch(/\d{4}/);

      const down = await binary(web.get(link![1]));
      expect(down.status).toBe(200);
      expect(down.headers['content-type']).toBe('application/pdf');
      expect(down.headers['content-disposition']).toContain('intakeverslag.pdf');
      expect(down.headers['cache-control']).toBe('no-store');
      expect(Buffer.compare(down.body as Buffer, bytes)).toBe(0);
      expect((await log(dossierId)).map((l) => l.what)).toEqual(expect.arrayContaining(['document.upload', 'document.list', 'document.download']));
    });

    it('refuses a file of another type, or one too large, next to the file field (422), and stores nothing', async () => {
      const { dossierId, actionId } = await dossierWithAction();
      const web = await signedIn(world.werkpuntCoach);
      const before = (await storedFiles()).length;
      const cases = [
        { bytes: Buffer.from('Gewoon een tekst, geen PDF.\n'), name: 'verslag.pdf', says: /application\/pdf/ },
        { bytes: Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(10 * 1024 * 1024)]), name: 'groot.pdf', says: /at most 10485760 bytes/ },
      ];
      for (const c of cases) {
        const res = await attach(web, dossierId, actionId, c.bytes, c.name);
        expect(res.status).toBe(422);
        const error = new RegExp(`id="f-file-${actionId}-error">([^<]*)<`).exec(res.text);
        expect(decodeHtml(error?.[1] ?? '')).toMatch(c.says);
        expect(res.text).toMatch(new RegExp(`id="f-file-${actionId}"[^>]*aria-invalid="true"`));
        expect(res.text).toContain('id="error-summary"');
      }
      expect(await documentRows(dossierId)).toEqual([]);
      expect((await storedFiles()).length).toBe(before);
    });

    it("a partner of another organisation, or one whose assignment ended, gets 404 for the dossier's documents and their download; attempts are logged and flagged", async () => {
      const { dossierId, assignmentId, actionId } = await dossierWithAction();
      const own = await signedIn(world.werkpuntCoach);
      expect((await attach(own, dossierId, actionId, pdf(), 'verslag.pdf')).status).toBe(303);
      const [doc] = await documentRows(dossierId);
      expect((await binary(own.get(downloadPath(dossierId, actionId, doc.id)))).status).toBe(200);

      // Another organisation without an assignment: no page, no file, no upload.
      const other = await signedIn(world.gidsCoach);
      const page = await other.get(`/x/dossiers?dossier=${dossierId}`);
      expect(page.status).toBe(404);
      expect(page.text).not.toContain('verslag.pdf');
      const foreign = await binary(other.get(downloadPath(dossierId, actionId, doc.id)));
      expect(foreign.status).toBe(404);
      expect(String(foreign.headers['content-type'])).toContain('text/html');
      expect((await attachUnoffered(other, dossierId, actionId, pdf())).status).toBe(404);
      expect(await documentRows(dossierId)).toHaveLength(1);

      // The later partner with its own assignment sees the document, and may not add to Werkpunt's action.
      await world.assign(world.units.gids.id, dossierId, day(-1), day(30));
      expect(decodeHtml((await other.get(`/x/dossiers?dossier=${dossierId}`)).text)).toContain('verslag.pdf');
      const refused = await attachUnoffered(other, dossierId, actionId, pdf());
      expect(refused.status).toBe(422);
      expect(decodeHtml(refused.text)).toContain('is an action of another organisation');
      expect(await documentRows(dossierId)).toHaveLength(1);

      // Werkpunt's assignment ends: its coach is out at once.
      expectStatus(await world.call('post', `/vdab/assignments/${assignmentId}/end`, world.service.token), 200, 'end assignment');
      expect((await own.get(`/x/dossiers?dossier=${dossierId}`)).status).toBe(404);
      expect((await binary(own.get(downloadPath(dossierId, actionId, doc.id)))).status).toBe(404);
      expect((await attachUnoffered(own, dossierId, actionId, pdf())).status).toBe(404);
      expect(await documentRows(dossierId)).toHaveLength(1);
      const refusedLog = (await log(dossierId)).filter((l) => !l.allowed);
      expect(refusedLog).toEqual(
        expect.arrayContaining([
          { what: 'document.download', allowed: false, flagged: true },
          { what: 'document.upload', allowed: false, flagged: true },
          { what: 'dossier.read', allowed: false, flagged: true },
        ]),
      );
      expect(refusedLog.filter((l) => l.what === 'document.download')).toHaveLength(2);
    });
  });

  describe('my data', () => {
    it('shows partner staff their own account and what was logged under their name', async () => {
      const me = await t.signedIn(tenant, ['partner'], { orgUnitIds: [world.units.werkpunt.id] });
      const opened = await world.dossier();
      const notOpened = await world.dossier();
      await world.assign(world.units.werkpunt.id, opened, day(-1), day(30));
      await world.assign(world.units.werkpunt.id, notOpened, day(-1), day(30));
      const theirs = await world.dossier();
      await world.assign(world.units.gids.id, theirs, day(-1), day(30));
      const web = await signedIn(me);
      expect((await web.get(`/x/dossiers?dossier=${opened}`)).status).toBe(200);
      expect((await web.get(`/x/dossiers?dossier=${theirs}`)).status).toBe(404);
      // A colleague's work is not in this person's log.
      expect((await (await signedIn(world.werkpuntCoach)).get(`/x/dossiers?dossier=${notOpened}`)).status).toBe(200);

      const nav = await web.get('/x/dossiers');
      expect(nav.text).toMatch(/href="[^"]*\/x\/me"/);
      const page = await web.get('/x/me');
      expect(page.status).toBe(200);
      const api = expectStatus(await world.call('get', '/vdab/me', me.token), 200, 'me').body as { displayName: string; email: string };
      const text = decodeHtml(page.text);
      const own = text.slice(text.indexOf('id="own-data"'), text.indexOf('</dl>', text.indexOf('id="own-data"')));
      expect(own).toContain(api.displayName);
      expect(own).toContain(me.email);
      expect(own).toContain(world.units.werkpunt.name);
      const logged = text.slice(text.indexOf('id="own-log"'));
      const rows = logged.split('<tr class="utrecht-table__row">').slice(2);
      expect(rows.filter((r) => r.includes(opened)).some((r) => r.includes('Dossier geopend') && r.includes('Toegestaan'))).toBe(true);
      expect(rows.filter((r) => r.includes(theirs)).some((r) => r.includes('Dossier geopend') && r.includes('Geweigerd en gemarkeerd'))).toBe(true);
      expect(logged).not.toContain(notOpened);
      const apiLog = expectStatus(await world.call('get', '/vdab/me/log', me.token), 200, 'own log').body as unknown[];
      expect(rows).toHaveLength(apiLog.length);
    });

    it('names a bad name next to its field and keeps what was typed, changing nothing; a good one is saved', async () => {
      const me = await t.signedIn(tenant, ['partner'], { orgUnitIds: [world.units.gids.id] });
      const nameNow = async () => (expectStatus(await world.call('get', '/vdab/me', me.token), 200, 'me').body as { displayName: string }).displayName;
      const before = await nameNow();
      const web = await signedIn(me);
      for (const bad of ['   ', `Koen ${'x'.repeat(120)}`]) {
        const res = await web.post('/x/me', { _action: 'correct', displayName: bad });
        expect(res.status).toBe(422);
        expect(res.text).toMatch(/id="f-displayName-error"/);
        expect(res.text).toMatch(/id="f-displayName"[^>]*aria-invalid="true"/);
        expect(decodeHtml(res.text)).toContain(`value="${bad}"`);
        expect(await nameNow()).toBe(before);
      }
      const good = await web.post('/x/me', { _action: 'correct', displayName: '  Koen De Coach ' });
      expect(good.status).toBe(303);
      expect(good.headers.location).toContain('notice=own-data-corrected');
      expect(await nameNow()).toBe('Koen De Coach');
      expect(decodeHtml((await web.follow(good)).text)).toContain('Koen De Coach');
    });
  });

  it('the service staff and jobseekers have none of these pages, nor their files and forms', async () => {
    const web = await signedIn(world.service);
    const { id: dossierId } = { id: await world.dossier() };
    const paths = ['/x/dossiers', '/x/me', `/x/dossiers/download?dossier=${dossierId}&action=${dossierId}&document=${dossierId}`];
    for (const path of paths) expect({ path, status: (await web.get(path)).status }).toEqual({ path, status: 403 });
    const token = /name="_csrf" value="([^"]+)"/.exec(decodeHtml((await web.get('/')).text))![1];
    const upload = await web.agent
      .post(web.path(`/x/dossiers/upload?_csrf=${encodeURIComponent(token)}`))
      .set('accept', 'text/html')
      .field('_action', 'attach')
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'verslag.pdf');
    expect(upload.status).toBe(403);
    expect((await web.post('/x/me', { _action: 'correct', displayName: 'Iemand' }, { from: '/' })).status).toBe(403);
    const jobseeker = await signedIn(await t.signedIn(tenant, ['jobseeker']));
    for (const path of paths) expect({ path, status: (await jobseeker.get(path)).status }).toEqual({ path, status: 403 });
    for (const path of paths) expect({ path, status: (await new PortalClient(t, tenant.key).get(path)).status }).toEqual({ path, status: 303 });
  });
});
