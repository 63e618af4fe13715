import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { activeJobseeker, sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { jsonResumeProblems } from './support/json-resume-shape.js';
import { zipEntries } from './support/zip-entries.js';
import { connect, employer, registeredJobseeker } from '../../../../tenants/refugee-talent-pool/__tests__/refugeework.fixture.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../../../docs/rights/export.schema.json', import.meta.url), 'utf8'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Files under a folder of the file store, relative to it. */
async function filesUnder(root: string, folder: string): Promise<string[]> {
  try {
    return (await readdir(join(root, folder), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * An access or portability request hands the person one ZIP archive: the JSON document of the
 * published schema, their documents byte for byte, and their CV as a JSON Resume document. It is
 * built in the background with a progress figure the person can read, downloaded once, and gone
 * from the file store once downloaded or once the person is erased.
 */
describe('the export archive', () => {
  const clock = new FixedClock('2027-03-01T09:00:00Z');
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let staff: { token: string };
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'rights-export-files-'));
    t = await TestApp.boot({ clock, env: { STORAGE_DIR: storageDir } });
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
    staff = await t.signedIn(a, ['staff']);
  });
  afterAll(async () => {
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const as = (tenant: TenantRef, token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  /** A person with a CV and a filled profile, whose access request staff complete. */
  async function exported(kind: 'access' | 'portability' = 'access') {
    const js = await activeJobseeker(
      t,
      a,
      { firstName: 'Noor', lastName: 'Achterberg' },
      {
        phone: '+31612345678',
        city: 'Zwolle',
        headline: 'Lasser',
        workExperience: [{ employer: 'Staalbouw Oost', role: 'Lasser', from: '2019-04-01', to: '2023-08-31', description: 'MIG/MAG' }],
        education: [{ name: 'Metaaltechniek', institution: 'Deltion', year: 2018 }],
      },
    );
    // Bytes a text-based copy would mangle: every byte value, behind a PDF header.
    const cv = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4096), Buffer.from('\n%%EOF\n')]);
    const up = await t
      .http('post', '/profiles/me/documents/cv', { tenant: a.key, token: js.token })
      .attach('file', cv, { filename: 'mijn cv.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const id = (await t.http('post', '/rights/requests/me', as(a, js.token, { kind }))).body.id as string;
    for (const status of ['in-progress', 'awaiting-decision', 'completed'])
      expect((await t.http('post', `/rights/requests/${id}/status`, as(a, staff.token, { status }))).status).toBe(200);
    await t.settled();
    const [mail] = await sql<{ variables: { downloadUrl: string } }>(
      t,
      a,
      `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2 AND template = 'rights-export-ready'`,
      [js.email],
    );
    return { js, cv, id, path: `/rights/exports/${new URL(mail.variables.downloadUrl).pathname.split('/').pop()}` };
  }

  it('holds the JSON document of the published schema, the documents byte-identical and the CV as a JSON Resume; progress reaches 100; the link works once', async () => {
    const { js, cv, id, path } = await exported();

    const progress = await t.http('get', `/rights/requests/me/${id}/export`, as(a, js.token));
    expect(progress.status).toBe(200);
    // Gathering, the one document, storing the archive, mailing the link.
    expect(progress.body).toEqual({ status: 'ready', stepsDone: 4, stepsTotal: 4, percent: 100, expiresAt: '2027-03-08T09:00:00.000Z' });
    expect(await filesUnder(storageDir, 'rights-exports')).toHaveLength(1);

    const res = await t.http('get', path, as(a, js.token)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = zipEntries(res.body as Buffer);
    expect(entries.map((e) => e.name)).toEqual(['export.json', 'resume.json', expect.stringMatching(/^documents\/cv-/)]);
    const byName = new Map(entries.map((e) => [e.name, e]));

    const document = JSON.parse(byName.get('export.json')!.bytes.toString('utf8'));
    for (const key of SCHEMA.required) expect(document).toHaveProperty(key);
    expect(document.format).toBe(SCHEMA.properties.format.const);
    const [listed] = document.documents;
    expect(listed).toMatchObject({
      field: 'cv', sha256: sha256(cv), archivePath: expect.stringMatching(/^documents\/cv-.+-mijn_cv\.pdf$/) });

    const file = byName.get(listed.archivePath)!;
    expect(file.method).toBe(0);
    expect(file.bytes.equals(cv)).toBe(true);

    const resume = JSON.parse(byName.get('resume.json')!.bytes.toString('utf8'));
    expect(jsonResumeProblems(resume)).toEqual([]);
    expect(resume).toMatchObject({
      basics: { name: 'Noor Achterberg', label: 'Lasser', phone: '+31612345678', location: { city: 'Zwolle' } },
      work: [{ name: 'Staalbouw Oost', position: 'Lasser', startDate: '2019-04-01', endDate: '2023-08-31', summary: 'MIG/MAG' }],
      education: [{ area: 'Metaaltechniek', institution: 'Deltion', endDate: '2018' }],
    });

    const again = await t.http('get', path, as(a, js.token));
    expect(again.status).toBe(410);
    await t.settled();
    // Downloaded, the archive is not kept as a second copy of the person's data.
    expect(await filesUnder(storageDir, 'rights-exports')).toEqual([]);
  });

  it("another person's or another tenant's export is unknown: progress and download answer 404", async () => {
    const { id, path } = await exported('portability');
    const other = await activeJobseeker(t, a, { firstName: 'Sam', lastName: 'Visser' });
    expect((await t.http('get', `/rights/requests/me/${id}/export`, as(a, other.token))).status).toBe(404);
    expect((await t.http('get', path, as(a, other.token))).status).toBe(404);
    expect((await t.http('get', `/rights/requests/me/${id}/export`, as(a, staff.token))).status).toBe(404);
    const elsewhere = await activeJobseeker(t, b, { firstName: 'Sam', lastName: 'Visser' });
    expect((await t.http('get', `/rights/requests/me/${id}/export`, as(b, elsewhere.token))).status).toBe(404);
    expect((await t.http('get', path, as(b, elsewhere.token))).status).toBe(404);
  });

  it("erasing the person removes their export archives from the file store", async () => {
    const { js } = await exported();
    const before = await filesUnder(storageDir, 'rights-exports');
    expect(before.length).toBeGreaterThanOrEqual(1);
    const me = (await t.http('get', '/profiles/me', as(a, js.token))).body;
    const [{ n }] = await sql<{ n: number }>(t, a, `SELECT count(*)::int AS n FROM rights_exports WHERE tenant_id = $1 AND person_id = $2 AND archive_key IS NOT NULL`, [me.id]);
    expect(n).toBe(1);

    const erasure = (await t.http('post', '/rights/requests/me', as(a, js.token, { kind: 'erasure' }))).body.id;
    for (const status of ['in-progress', 'awaiting-decision', 'completed'])
      expect((await t.http('post', `/rights/requests/${erasure}/status`, as(a, staff.token, { status }))).status).toBe(200);
    await t.settled();
    const after = await filesUnder(storageDir, 'rights-exports');
    expect(after.length).toBe(before.length - 1);
    for (const f of after) expect(before).toContain(f);
  });

  it("holds the person's connections and their chat, both sides' messages in order, and no one else's", async () => {
    // RefugeeWork: a tenant whose employers connect with jobseekers and chat with them.
    const pool = await t.createTenant('refugee-talent-pool');
    const poolStaff = await t.signedIn(pool, ['staff']);
    const person = await registeredJobseeker(t, pool);
    const other = await registeredJobseeker(t, pool);
    const boss = await employer(t, pool);
    const id = await connect(t, person, boss, 'accept');
    const otherId = await connect(t, other, boss, 'accept');
    const say = async (connection: string, token: string, body: string) =>
      expect((await t.http('post', `/connections/${connection}/messages`, as(pool, token, { body }))).status).toBe(201);
    await say(id, boss.token, 'When can you start?');
    await say(id, person.token, 'Next Monday.');
    await say(otherId, boss.token, 'A message to someone else');

    const request = (await t.http('post', '/rights/requests/me', as(pool, person.token, { kind: 'access' }))).body.id as string;
    for (const status of ['in-progress', 'completed'])
      expect((await t.http('post', `/rights/requests/${request}/status`, as(pool, poolStaff.token, { status }))).status).toBe(200);
    await t.settled();
    const [mail] = await sql<{ variables: { downloadUrl: string } }>(
      t,
      pool,
      `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'rights-export-ready'`,
      [person.id],
    );
    const res = await t
      .http('get', `/rights/exports/${new URL(mail.variables.downloadUrl).pathname.split('/').pop()}`, as(pool, person.token))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const entry = zipEntries(res.body as Buffer).find((e) => e.name === 'export.json')!;
    const document = JSON.parse(entry.bytes.toString('utf8'));
    expect(document.connections.connections).toEqual([expect.objectContaining({ id, status: 'accepted' })]);
    expect(document.connections.messages).toEqual([
      expect.objectContaining({ connectionId: id, from: 'employer', body: 'When can you start?' }),
      expect.objectContaining({ connectionId: id, from: 'jobseeker', body: 'Next Monday.' }),
    ]);
    expect(entry.bytes.toString('utf8')).not.toContain('A message to someone else');
  });
});
