import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../../../../test/support/test-app.js';
import { SmtpCapture, deliverMail } from '../../../../test/support/workers.js';
import {
  captureLog,
  dumpDatabase,
  dumpFiles,
  findTraces,
} from '../../../../test/support/trace-scan.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { registerJobseeker, sql } from '../../../profiles/src/__tests__/support/profile-kit.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * An erasure request carried out through the API leaves nothing of the person in a full dump of
 * the database, the file store or the log, including what the rights capability itself stored
 * about them (their earlier requests' words, a built export), and its report lists every store.
 */
describe('an erasure request leaves no trace', () => {
  const clock = new FixedClock('2026-02-02T09:00:00Z');
  const log = captureLog();
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let storageDir: string;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    storageDir = await mkdtemp(join(tmpdir(), 'rights-erasure-files-'));
    t = await TestApp.boot({
      clock,
      env: { SMTP_URL: smtp.url, STORAGE_DIR: storageDir, LOG_LEVEL: 'trace' },
      logDestination: log.stream,
    });
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });

  it('after access, objection and erasure requests, a dump, the files and the log hold none of the values written; the report lists every store', async () => {
    const tag = `rq${randomBytes(5).toString('hex')}`;
    const phone = `+316${String(Date.now() % 100_000_000).padStart(8, '3')}`;
    const js = await registerJobseeker(t, tenant, {
      firstName: `Noor ${tag}`,
      lastName: `Bakker ${tag}`,
    });
    const { token, email } = js;
    const me = (await t.http('get', '/profiles/me', as(token))).body;
    expect(
      (
        await t.http(
          'patch',
          '/profiles/me',
          as(token, { fields: { phone, city: `Zwolle${tag}`, summary: `Lasser ${tag}` } }),
        )
      ).status,
    ).toBe(200);
    const cv = Buffer.from(`%PDF-1.4\n% CV-${tag}\n%%EOF\n`);
    const uploaded = await t
      .http('post', '/profiles/me/documents/cv', { tenant: tenant.key, token })
      .attach('file', cv, { filename: `${tag}-cv.pdf`, contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const staff = await t.signedIn(tenant, ['staff']);
    const move = (id: string, status: string) =>
      t.http('post', `/rights/requests/${id}/status`, as(staff.token, { status }));
    const decide = async (id: string) => {
      for (const s of ['in-progress', 'awaiting-decision', 'completed'])
        expect((await move(id, s)).status).toBe(200);
      await t.settled();
    };

    // An access request whose export is built (and left undownloaded), and an objection in their own words.
    const access = (await t.http('post', '/rights/requests/me', as(token, { kind: 'access' }))).body
      .id;
    await decide(access);
    await t.http(
      'post',
      '/rights/requests/me',
      as(token, { kind: 'objection', details: `Geen nieuwsbrief meer, ${tag}` }),
    );
    await deliverMail(t, tenant);

    const needles: Record<string, string> = {
      'the tag in every value': tag,
      'person id': me.id,
      'sign-in address': email,
      phone,
      'CV hash': sha256(cv),
    };
    const scan = async () =>
      findTraces(needles, {
        database: (await dumpDatabase(t.prepared.ownerUrl)).text,
        files: await dumpFiles(storageDir),
        log: log.lines.join('\n'),
      });
    const before = new Set((await scan()).map((tr) => `${tr.what}@${tr.where}`));
    for (const found of [
      'the tag in every value@database',
      'the tag in every value@files',
      'person id@database',
    ])
      expect(before).toContain(found);

    const erasure = (await t.http('post', '/rights/requests/me', as(token, { kind: 'erasure' })))
      .body.id;
    await deliverMail(t, tenant);
    for (const s of ['in-progress', 'awaiting-decision'])
      expect((await move(erasure, s)).status).toBe(200);
    const done = await move(erasure, 'completed');
    expect(done.body.status).toBe('completed');
    await t.settled();
    await deliverMail(t, tenant);

    expect(await scan()).toEqual([]);
    const stores = (done.body.report.stores as { store: string; outcome: string }[]).map(
      (s) => s.store,
    );
    for (const s of [
      'accounts',
      'sessions',
      'profiles',
      'profile_documents',
      'document_file_deletions',
      'profile_search',
      'mail_messages',
      'consent_events',
      'audit_log',
      'audit_pseudonyms',
      'rights_requests',
      'rights_exports',
      'file store',
    ])
      expect(stores).toContain(s);
    expect(
      done.body.report.stores.filter(
        (s: { outcome: string }) => s.outcome === 'still holds the person',
      ),
    ).toEqual([]);
    // The erasure's entry belongs to the person's rights request in the register, not to retention.
    expect(
      await sql<{ processing_activity: string }>(
        t,
        tenant,
        `SELECT processing_activity FROM audit_log WHERE tenant_id = $1 AND action = 'person.erase' AND details->>'request' = $2`,
        [erasure],
      ),
    ).toEqual([{ processing_activity: 'data-subject-rights' }]);
    // The requests themselves stay, as proof they were answered, tied to no one.
    const kept = await t.http('get', '/rights/requests', as(staff.token));
    expect(kept.status).toBe(200);
    expect((await t.http('get', `/rights/requests/${access}`, as(staff.token))).body).toMatchObject(
      { status: 'completed', personId: null },
    );
  });
});
