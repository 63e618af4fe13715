import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantDb } from '../../../libs/tenant-host/src/index.js';
import type { TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TEST_PASSWORD, TestApp } from '../../../test/support/test-app.js';
import { decodeHtml, deliverMail, PortalClient } from '../../../test/support/workers.js';
import { action, expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002's administration on the web: the partner admin's own staff and machine
 * credentials, a partner's request for a colleague's account, and the service's queue of those
 * requests. Each page calls the service its API route calls, so the organisation scoping, the
 * admin check and the audit entries are the API's: these tests check the pages against the API.
 */
describe('the administration of the partner environment through the portal', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof vdabWorld>>;
  let outbox: string;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

  beforeAll(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'vdab-admin-outbox-'));
    t = await TestApp.boot({ env: { MAIL_DEV_OUTBOX_DIR: outbox } });
    tenant = await t.createTenant('vdab-partners');
    world = await vdabWorld(t, tenant);
  });
  afterAll(async () => {
    await t?.close();
    await rm(outbox, { recursive: true, force: true });
  });

  async function signedIn(who: { email: string }) {
    const web = new PortalClient(t, tenant.key);
    await web.signIn(who.email, TEST_PASSWORD);
    return web;
  }
  const db = <R>(sql: string, params: unknown[] = []) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query<R>(sql, [tx.tenantId, ...params]));
  const statusOf = async (accountId: string) => (await db<{ status: string }>(`SELECT status FROM accounts WHERE tenant_id = $1 AND id = $2`, [accountId]))[0].status;
  const credentialRows = () => db<{ id: string; label: string; revoked: boolean }>(`SELECT id, label, revoked_at IS NOT NULL AS revoked FROM vdab_credentials WHERE tenant_id = $1`);
  const requestRows = () => db<{ id: string; status: string }>(`SELECT id, status FROM vdab_account_requests WHERE tenant_id = $1 ORDER BY requested_at`);
  /** The table's rows of a page, as text (the header row left out). */
  const rowsOf = (html: string, tableId: string) => {
    const text = decodeHtml(html);
    const start = text.indexOf(`id="${tableId}"`);
    if (start < 0) return [];
    return text.slice(start, text.indexOf('</table>', start)).split('<tr class="utrecht-table__row">').slice(2);
  };
  /** The key the credentials page drew for its form, as a browser would post it back. */
  const formKeyOf = async (web: PortalClient) => /name="formKey" value="([0-9a-f-]{36})"/.exec((await web.get('/x/credentials')).text)![1];
  const revocationsAudited = async () => (await db(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'account.revoke'`)).length;
  const colleague = (unitId: string) => t.signedIn(tenant, ['partner'], { orgUnitIds: [unitId] });

  describe("a partner admin's own staff", () => {
    it("shows a partner admin only their own organisation's staff, and revokes one: the account can no longer sign in or use the API", async () => {
      const member = await colleague(world.units.werkpunt.id);
      const stranger = await colleague(world.units.gids.id);
      const dossierId = await world.dossier();
      await world.assign(world.units.werkpunt.id, dossierId, day(-1), day(30));
      const auditedBefore = await revocationsAudited();
      const web = await signedIn(world.werkpuntAdmin);
      const page = await web.get('/x/organisation-staff');
      expect(page.status).toBe(200);
      const rows = rowsOf(page.text, 'staff');
      const api = expectStatus(await world.call('get', '/vdab/organisation/staff', world.werkpuntAdmin.token), 200, 'staff').body as { email: string }[];
      expect(rows).toHaveLength(api.length);
      for (const m of api) expect(rows.some((r) => r.includes(m.email))).toBe(true);
      expect(rows.some((r) => r.includes(member.email))).toBe(true);
      expect(decodeHtml(page.text)).not.toContain(stranger.email);
      expect(decodeHtml(page.text)).not.toContain(world.gidsCoach.email);

      const revoked = await web.post('/x/organisation-staff', { _action: 'revoke', accountId: member.id });
      expect(revoked.status).toBe(303);
      expect(revoked.headers.location).toContain('notice=staff-revoked');
      expect(decodeHtml((await web.follow(revoked)).text)).toContain('De toegang is ingetrokken.');
      expect(await statusOf(member.id)).toBe('disabled');
      // The API says so: the session ended, signing in is refused, the dossier is closed to the account.
      expect((await world.call('get', `/vdab/dossiers/${dossierId}`, member.token)).status).toBe(401);
      expect((await world.call('post', `/vdab/dossiers/${dossierId}/actions`, member.token, action())).status).toBe(401);
      expect((await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: member.email, password: member.password } })).status).toBe(401);
      expect((await new PortalClient(t, tenant.key).post('/sign-in', { email: member.email, password: TEST_PASSWORD })).status).not.toBe(303);
      // Audited as the API's revocation is.
      expect(await revocationsAudited()).toBe(auditedBefore + 1);
    });

    it('revoking a member of another organisation through a forged form changes nothing and answers as for an unknown member', async () => {
      const theirs = await colleague(world.units.gids.id);
      const web = await signedIn(world.werkpuntAdmin);
      const forged = await web.post('/x/organisation-staff', { _action: 'revoke', accountId: theirs.id });
      const unknown = await web.post('/x/organisation-staff', { _action: 'revoke', accountId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' });
      const garbage = await web.post('/x/organisation-staff', { _action: 'revoke', accountId: 'not-an-id' });
      expect(forged.status).toBe(404);
      expect([unknown.status, garbage.status]).toEqual([404, 404]);
      const message = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0].replace(/name="_csrf" value="[^"]*"/g, '');
      expect(message(forged.text)).toBe(message(unknown.text));
      expect(await statusOf(theirs.id)).toBe('active');
      expect((await world.call('get', '/vdab/me', theirs.token)).status).toBe(200);
    });
  });

  describe('machine credentials', () => {
    it('shows a created secret once, never on the list; the secret works against the machine API and stops when revoked from the page', async () => {
      const dossierId = await world.dossier();
      await world.assign(world.units.werkpunt.id, dossierId, day(-1), day(30));
      const web = await signedIn(world.werkpuntAdmin);
      const created = await web.post('/x/credentials', { _action: 'create', label: 'CRM-koppeling', formKey: await formKeyOf(web) });
      expect(created.status).toBe(200);
      const text = decodeHtml(created.text);
      const secret = /id="created-secret" value="(vdabp_[^"]+)"/.exec(text)?.[1];
      expect(secret).toBeDefined();
      expect(text).toContain('Kopieer de sleutel nu');
      expect(text).toContain('niet meer getoond');
      expect(created.headers['cache-control']).toContain('no-store');

      const list = await web.get('/x/credentials');
      expect(list.status).toBe(200);
      expect(list.text).not.toContain('vdabp_');
      expect(list.text).not.toContain(secret!.slice(-20));
      expect(rowsOf(list.text, 'credentials').some((r) => r.includes('CRM-koppeling') && r.includes('In gebruik'))).toBe(true);

      const submit = (idempotencyKey: string) =>
        t.http('post', `/vdab/api/dossiers/${dossierId}/actions`, {
          tenant: tenant.key,
          body: action(),
          headers: { 'x-api-key': secret!, 'idempotency-key': idempotencyKey },
        });
      expect((await submit('page-credential-1')).status).toBe(201);

      const [row] = (await credentialRows()).filter((c) => c.label === 'CRM-koppeling');
      const revoked = await web.post('/x/credentials', { _action: 'revoke', credentialId: row.id });
      expect(revoked.status).toBe(303);
      expect(revoked.headers.location).toContain('notice=credential-revoked');
      expect((await submit('page-credential-2')).status).toBe(401);
      expect(rowsOf((await web.get('/x/credentials')).text, 'credentials').some((r) => r.includes('CRM-koppeling') && r.includes('Ingetrokken op'))).toBe(true);
    });

    it('reloading the page that showed a new secret makes no second credential and shows no secret again', async () => {
      const web = await signedIn(world.werkpuntAdmin);
      const before = (await credentialRows()).length;
      const form = { _action: 'create', label: 'Herlaad-koppeling', formKey: await formKeyOf(web) };
      const first = await web.post('/x/credentials', form);
      expect(first.status).toBe(200);
      expect(first.text).toMatch(/id="created-secret" value="vdabp_/);
      const reload = await web.post('/x/credentials', form);
      expect(reload.status).toBe(200);
      expect(reload.text).not.toContain('vdabp_');
      expect(decodeHtml(reload.text)).toContain('Dit formulier was al verzonden');
      expect((await credentialRows()).filter((c) => c.label === 'Herlaad-koppeling')).toHaveLength(1);
      expect((await credentialRows()).length).toBe(before + 1);
      // The answer page draws a new key, so a second credential made on purpose is made.
      const again = await web.post('/x/credentials', { ...form, formKey: /name="formKey" value="([0-9a-f-]{36})"/.exec(reload.text)![1] });
      expect(again.text).toMatch(/id="created-secret" value="vdabp_/);
      expect((await credentialRows()).length).toBe(before + 2);
      // Another organisation's admin posting the same key makes their own credential, never sees this one.
      const other = await signedIn(world.gidsAdmin);
      const theirs = await other.post('/x/credentials', { ...form, label: 'Gids-herlaad' });
      expect(theirs.text).toMatch(/id="created-secret" value="vdabp_/);
      expect(decodeHtml(theirs.text)).not.toContain('Herlaad-koppeling');
      const missing = await web.post('/x/credentials', { _action: 'create', label: 'Zonder sleutel' });
      expect(missing.status).toBe(422);
      expect(missing.text).not.toContain('vdabp_');
    });

    it("another organisation's credential cannot be revoked from the page: it answers as an unknown one and keeps working", async () => {
      const theirs = expectStatus(await world.call('post', '/vdab/credentials', world.gidsAdmin.token, { label: 'Gids-systeem' }), 201, 'create').body as { id: string };
      const web = await signedIn(world.werkpuntAdmin);
      expect(decodeHtml((await web.get('/x/credentials')).text)).not.toContain('Gids-systeem');
      const forged = await web.post('/x/credentials', { _action: 'revoke', credentialId: theirs.id });
      expect(forged.status).toBe(404);
      expect((await web.post('/x/credentials', { _action: 'revoke', credentialId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' })).status).toBe(404);
      expect((await credentialRows()).find((c) => c.id === theirs.id)?.revoked).toBe(false);
    });
  });

  describe('account requests', () => {
    it('a partner requests a colleague from the page; the service approves it from the queue (the invitation is mailed) and refuses another', async () => {
      const coach = await signedIn(world.werkpuntCoach);
      const form = await coach.get('/x/colleague-request');
      expect(form.status).toBe(200);
      expect(decodeHtml(form.text)).toContain(world.units.werkpunt.name);
      const address = `nina-${Date.now()}@werkpunt.example`;
      const sent = await coach.post('/x/colleague-request', { _action: 'request', displayName: 'Nina Nieuw', email: address });
      expect(sent.status).toBe(303);
      expect(sent.headers.location).toContain('notice=account-requested');
      const other = await signedIn(world.gidsCoach);
      expect((await other.post('/x/colleague-request', { _action: 'request', displayName: 'Rik Geweigerd', email: `rik-${Date.now()}@gids.example` })).status).toBe(303);

      const service = await signedIn(world.service);
      const queue = await service.get('/x/account-requests');
      expect(queue.status).toBe(200);
      const rows = rowsOf(queue.text, 'requests');
      const nina = rows.find((r) => r.includes(address))!;
      expect(nina).toContain('Nina Nieuw');
      expect(nina).toContain(world.units.werkpunt.name);
      const rik = rows.find((r) => r.includes('Rik Geweigerd'))!;
      expect(rik).toContain(world.units.gids.name);
      const idIn = (row: string) => /name="requestId" value="([^"]+)"/.exec(row)![1];

      const approved = await service.post('/x/account-requests', { _action: 'approve', requestId: idIn(nina) });
      expect(approved.status).toBe(303);
      expect(approved.headers.location).toContain('notice=request-approved');
      const refused = await service.post('/x/account-requests', { _action: 'refuse', requestId: idIn(rik) });
      expect(refused.status).toBe(303);
      expect(refused.headers.location).toContain('notice=request-refused');
      const after = decodeHtml((await service.get('/x/account-requests')).text);
      expect(after).not.toContain(address);
      expect(after).not.toContain('Rik Geweigerd');

      // The account is in Werkpunt's staff, invited; the invitation goes out by mail.
      const staff = expectStatus(await world.call('get', '/vdab/organisation/staff', world.werkpuntAdmin.token), 200, 'staff').body as { email: string; invited: boolean }[];
      expect(staff).toContainEqual(expect.objectContaining({ email: address, invited: true }));
      await deliverMail(t, tenant);
      const mails = (await readFile(join(outbox, 'outbox.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { to: string; text: string });
      expect(mails.filter((m) => m.to === address)).toHaveLength(1);
      expect(mails.some((m) => m.to.startsWith('rik-'))).toBe(false);
      // Decided twice is no decision: the queue answers as for an unknown request.
      expect((await service.post('/x/account-requests', { _action: 'approve', requestId: idIn(rik) })).status).toBe(404);
      expect((await requestRows()).filter((r) => r.status === 'pending')).toEqual([]);
    });

    it('a partner, a partner admin included, cannot reach the queue or decide from it', async () => {
      const req = expectStatus(await world.call('post', '/vdab/account-requests', world.gidsCoach.token, { email: `q-${Date.now()}@gids.example`, displayName: 'Q' }), 201, 'request');
      for (const who of [world.werkpuntCoach, world.gidsAdmin]) {
        const web = await signedIn(who);
        expect((await web.get('/x/account-requests')).status).toBe(403);
        expect((await web.post('/x/account-requests', { _action: 'approve', requestId: req.body.id }, { from: '/x/dossiers' })).status).toBe(403);
        expect((await web.get('/x/dossiers')).text).not.toContain('/x/account-requests');
      }
      expect((await requestRows()).find((r) => r.id === req.body.id)?.status).toBe('pending');
      expectStatus(await world.call('post', `/vdab/account-requests/${req.body.id}/refuse`, world.service.token), 200, 'tidy up');
    });
  });

  it('a bad form (an empty label, a bad e-mail address) comes back with the message next to its field and what was typed; nothing is written', async () => {
    const credentialsBefore = (await credentialRows()).length;
    const requestsBefore = (await requestRows()).length;
    const admin = await signedIn(world.werkpuntAdmin);
    const empty = await admin.post('/x/credentials', { _action: 'create', label: '   ', formKey: await formKeyOf(admin) });
    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/id="f-label-error"/);
    expect(empty.text).toMatch(/id="f-label"[^>]*aria-invalid="true"/);
    expect(empty.text).toContain('id="error-summary"');
    expect(empty.text).not.toContain('vdabp_');
    const long = await admin.post('/x/credentials', { _action: 'create', label: 'x'.repeat(81), formKey: await formKeyOf(admin) });
    expect(long.status).toBe(422);
    expect(long.text).toContain(`value="${'x'.repeat(81)}"`);

    const coach = await signedIn(world.werkpuntCoach);
    const bad = await coach.post('/x/colleague-request', { _action: 'request', displayName: 'Nina Nieuw', email: 'nina-at-werkpunt' });
    expect(bad.status).toBe(422);
    const error = /id="f-email-error">([^<]*)</.exec(bad.text);
    expect(decodeHtml(error?.[1] ?? '')).toMatch(/e-mail/);
    expect(bad.text).toMatch(/id="f-email"[^>]*aria-invalid="true"/);
    expect(bad.text).not.toMatch(/id="f-displayName"[^>]*aria-invalid/);
    expect(decodeHtml(bad.text)).toContain('value="Nina Nieuw"');
    expect(decodeHtml(bad.text)).toContain('value="nina-at-werkpunt"');
    // In English too, with the field named in the summary.
    expect((await coach.post('/language', { lang: 'en', back: `/t/${tenant.key}/x/colleague-request` }, { from: '/x/colleague-request' })).status).toBe(303);
    const noName = await coach.post('/x/colleague-request', { _action: 'request', displayName: '', email: 'nina@werkpunt.example' });
    expect(noName.status).toBe(422);
    expect(noName.text).toMatch(/id="f-displayName-error"/);
    expect(decodeHtml(noName.text)).toMatch(/<li class="utrecht-unordered-list__item">Your colleague's name: /);
    expect(decodeHtml(noName.text)).toContain('value="nina@werkpunt.example"');

    expect((await credentialRows()).length).toBe(credentialsBefore);
    expect((await requestRows()).length).toBe(requestsBefore);
  });

  /** The page-access matrix of these pages: every kind of visitor, the pages and their forms. */
  it('a plain partner gets no admin page, nor its forms, nor a menu entry; each page answers only those it is for', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const visitors = {
      anonymous: new PortalClient(t, tenant.key),
      jobseeker: await signedIn(jobseeker),
      service: await signedIn(world.service),
      partner: await signedIn(world.werkpuntCoach),
      'partner admin': await signedIn(world.werkpuntAdmin),
    };
    const pages: Record<string, { action: string; fields: Record<string, string>; for: readonly (keyof typeof visitors)[] }> = {
      '/x/organisation-staff': { action: 'revoke', fields: { accountId: world.werkpuntCoach.id }, for: ['partner admin'] },
      '/x/credentials': { action: 'create', fields: { label: 'Matrix' }, for: ['partner admin'] },
      '/x/colleague-request': { action: 'request', fields: { displayName: 'Matrix', email: 'matrix@werkpunt.example' }, for: ['partner', 'partner admin'] },
      '/x/account-requests': { action: 'refuse', fields: { requestId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }, for: ['service'] },
    };
    const problems: string[] = [];
    const credentialsBefore = (await credentialRows()).length;
    const requestsBefore = (await requestRows()).length;
    for (const [who, web] of Object.entries(visitors) as [keyof typeof visitors, PortalClient][]) {
      const home = await web.get('/');
      for (const [path, page] of Object.entries(pages)) {
        const allowed = page.for.includes(who);
        const expected = who === 'anonymous' ? 303 : allowed ? 200 : 403;
        const got = (await web.get(path)).status;
        if (got !== expected) problems.push(`GET ${path} as ${who}: expected ${expected}, got ${got}`);
        const inMenu = new RegExp(`<nav[\\s\\S]*href="[^"]*${path}"[\\s\\S]*</nav>`).test(home.text);
        if (inMenu !== allowed) problems.push(`${path} in the menu of ${who}: ${inMenu}`);
        if (allowed) continue;
        // A form posted with a good token of the visitor's own session: refused before the action runs.
        const posted = await web.post(path, { _action: page.action, ...page.fields }, { from: '/' });
        if (posted.status !== expected) problems.push(`POST ${path} as ${who}: expected ${expected}, got ${posted.status}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await statusOf(world.werkpuntCoach.id)).toBe('active');
    expect((await credentialRows()).length).toBe(credentialsBefore);
    expect((await requestRows()).length).toBe(requestsBefore);
  });
});
