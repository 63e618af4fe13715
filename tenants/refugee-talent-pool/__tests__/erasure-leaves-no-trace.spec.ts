import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, sweepRetention } from '../../../test/support/workers.js';
import { captureLog, dumpDatabase, dumpFiles, findTraces } from '../../../test/support/trace-scan.js';
import { sampleFiles, upload } from './documents.fixture.js';
import { employer, grantConsent, registeredJobseeker, type Jobseeker, publicHandle } from './refugeework.fixture.js';
import { vacancyBody } from './vacancy.fixture.js';

const T0 = '2026-02-01T09:00:00Z';
function months(n: number, minutes = 0): string {
  const d = new Date(T0);
  d.setUTCMonth(d.getUTCMonth() + n);
  return new Date(d.getTime() + minutes * 60_000).toISOString();
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The suppression list's key for an address (libs/mail/src/address.ts): linkable by anyone who knows the address. */
const addressHash = (tenantId: string, address: string) => createHash('sha256').update(`${tenantId}:${address.trim().toLowerCase()}`).digest('hex');

/**
 * Statement 000: "All personal data will be removed when your account is deleted", and the
 * deletion after 18 months without a response. A fully used account is erased, then a full dump of
 * the database, the file store and everything the app logged are searched for every value the
 * person wrote or was given: nothing may be left, in any form that leads back to them.
 */
describe('statement 000: an erased account leaves no trace in the database, the file store or the log', () => {
  const clock = new FixedClock(T0);
  const log = captureLog();
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let storageDir: string;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    storageDir = await mkdtemp(join(tmpdir(), 'erasure-files-'));
    t = await TestApp.boot({
      clock,
      env: { SMTP_URL: smtp.url, STORAGE_DIR: storageDir, LOG_LEVEL: 'trace' },
      logDestination: log.stream,
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await rm(storageDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    clock.set(T0);
    tenant = await t.createTenant('refugee-talent-pool');
  });

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function ok<R extends { status: number; body: any }>(res: R, what: string, ...statuses: number[]): R {
    if (!statuses.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
  const login = async (p: { email: string; password: string }) =>
    ok(await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: p.email, password: p.password } }), 'login', 200).body
      .accessToken as string;

  /**
   * A jobseeker who used everything: every field type filled, CV, photo and video, every consent,
   * a connection with chat, an application with the CV, a job worked with a review, an objection,
   * alerts are not offered here (kandidatenbank's test has them), mails sent, sign-ins, a reminder.
   * Every value written carries the tag, so any copy of any of it is found.
   */
  async function fullyUsedAccount(opts: { optOut?: boolean } = {}) {
    const tag = `qz${randomBytes(5).toString('hex')}`;
    const phone = `+316${String(Date.now() % 100_000_000).padStart(8, '1')}`;
    const contactEmail = `contact.${tag}@mail.example`;
    const person: Jobseeker = await registeredJobseeker(t, tenant, {
      fields: {
        name: `Amal ${tag} Haddad`,
        email: contactEmail,
        phone,
        city: `Emmeloord ${tag}`,
        province: 'flevoland',
        about: `Carpenter ${tag}, ten years in timber frames; call me on ${phone}.`,
        functionalSkills: [`carpentry ${tag}`, `welding ${tag}`],
        socialSkills: [`teamwork ${tag}`],
        languages: [{ language: `Arabic ${tag}`, level: 'native' }],
        workHistory: [
          { role: `Carpenter ${tag}`, sector: `construction ${tag}`, country: `Syria ${tag}`, from: '2012-03-01', to: '2021-06-30', description: `Built roofs with ${tag}` },
        ],
        education: [{ name: `Vocational carpentry ${tag}`, country: `Syria ${tag}`, year: 2011 }],
      },
    });
    for (const purpose of ['photo', 'video', 'newsletter']) await grantConsent(t, person, purpose);
    const { files, markers } = sampleFiles(tag);
    const named = (f: { bytes: Buffer; name: string; type: string }) => ({ ...f, name: `${tag}-${f.name}` });
    const cvId = await upload(t, person, 'cv', named(files.cv));
    await upload(t, person, 'photo', named(files.photo));
    await upload(t, person, 'video', named(files.video));

    const staff = await t.signedIn(tenant, ['staff']);
    ok(await t.http('patch', `/profiles/${person.id}`, as(staff.token, { fields: { elearningProgress: 40 } })), 'staff write', 200);

    const boss = await employer(t, tenant);
    ok(await t.http('get', `/search/profiles?q=${tag}`, as(boss.token)), 'pool search', 200);
    const request = ok(
      await t.http('post', '/connections', as(boss.token, { profileHandle: await publicHandle(t, person), message: `We would like to meet you, ${tag}` })),
      'connection request',
      201,
    );
    const connectionId = request.body.id as string;
    ok(await t.http('post', `/connections/${connectionId}/accept`, as(person.token)), 'accept', 200, 201);
    ok(await t.http('post', `/connections/${connectionId}/messages`, as(boss.token, { body: `When can you start, ${tag}?` })), 'chat', 201);
    ok(await t.http('post', `/connections/${connectionId}/messages`, as(person.token, { body: `Monday; my number is ${phone} (${tag})` })), 'chat', 201);
    ok(await t.http('get', `/profiles/${await publicHandle(t, person)}`, as(boss.token)), 'connected employer reads', 200);
    ok(await t.http('get', `/profiles/${person.id}`, as(staff.token)), 'staff dossier', 200);
    ok(await t.http('get', `/connections/${connectionId}/messages`, as(staff.token)), 'staff reads chat', 200);

    const vacancy = ok(await t.http('post', '/manage/vacancies', as(boss.token, vacancyBody())), 'vacancy', 201).body.id as string;
    ok(
      await t.http('post', `/vacancies/${vacancy}/applications`, as(person.token, { motivation: `I build timber frames, ${tag}`, documentIds: [cvId] })),
      'apply',
      201,
    );
    const job = ok(
      await t.http('post', `/refugeework/people/${person.id}/placements`, as(staff.token, {
        employerOrgUnitId: boss.unitId,
        jobTitle: `Carpenter ${tag}`,
        startedOn: '2025-11-01',
        endedOn: '2026-01-15',
      })),
      'placement',
      201,
    ).body.id as string;
    ok(await t.http('post', `/refugeework/placements/${job}/review`, as(boss.token, { stars: 5, assessment: `Precise work by ${tag}` })), 'review', 201);
    const objection = ok(await t.http('post', '/refugeework/objections', as(person.token, { reason: `Stop matching me, ${tag}` })), 'objection', 201);
    ok(await t.http('post', `/refugeework/objections/${objection.body.id}/resolve`, as(staff.token, { outcome: 'processing-continues', reason: 'Matching is needed to run the pool.' })), 'resolve', 200, 201);
    ok(await t.http('get', '/refugeework/account/data', as(person.token)), 'own data', 200);
    const stored = (await t.http('get', '/profiles/me', as(person.token))).body;
    await deliverMail(t, tenant);

    // A year on: the first retention reminder, over SMTP.
    clock.set(months(12));
    await sweepRetention(t, tenant);
    await deliverMail(t, tenant);
    const [reminder] = smtp.to(person.email).filter((m) => header(m.raw, 'X-Mail-Category') === 'reminder');
    expect(reminder).toBeDefined();
    if (opts.optOut) {
      // One-click unsubscribe from reminders: an opt-out on the suppression list, tied to the person.
      const unsubscribe = new URL(header(reminder.raw, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
      ok(await t.http('post', `${unsubscribe.pathname}${unsubscribe.search}`, {}), 'unsubscribe', 200, 204);
    }
    const needles: Record<string, string> = {
      'the tag in every value': tag,
      'person and account id': person.id,
      'sign-in address': person.email,
      'contact address': contactEmail,
      'phone as entered': phone,
      'CV contents': markers.cv,
      'photo contents': markers.photo,
      'video contents': markers.video,
      'CV hash': sha256(files.cv.bytes),
      'photo hash': sha256(files.photo.bytes),
      'video hash': sha256(files.video.bytes),
      'sign-in address hash': addressHash(tenant.id, person.email),
      'contact address hash': addressHash(tenant.id, contactEmail),
    };
    if (stored.fields?.phone && stored.fields.phone !== phone) needles['phone as stored'] = String(stored.fields.phone);
    return { person, needles, boss, staff };
  }

  async function scan(needles: Record<string, string>) {
    const database = await dumpDatabase(t.prepared.ownerUrl);
    const traces = findTraces(needles, {
      database: database.text,
      files: await dumpFiles(storageDir),
      log: log.lines.join('\n'),
    });
    return { traces, database };
  }

  it('after POST /refugeework/account/deletion, nothing the person wrote or was given is left anywhere, and the confirmation is delivered once', async () => {
    const { person, needles } = await fullyUsedAccount({ optOut: true });
    // The scan can find what it looks for: before the deletion every kind of value is there.
    const before = await scan(needles);
    const foundBefore = new Set(before.traces.map((tr) => tr.what));
    for (const what of ['the tag in every value', 'person and account id', 'sign-in address', 'CV contents', 'photo contents', 'sign-in address hash'])
      expect(foundBefore).toContain(what);
    expect(before.traces.some((tr) => tr.where === 'files')).toBe(true);

    const token = await login(person);
    const res = await t.http('post', '/refugeework/account/deletion', as(token, { confirm: true }));
    expect(res.status).toBe(200);
    needles['deletion reference'] = res.body.reference;
    const report = await deliverMail(t, tenant);
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(await deliverMail(t, tenant)).toMatchObject({ claimed: 0 });
    const confirmations = smtp.to(person.email).filter((m) => m.raw.includes(res.body.reference));
    expect(confirmations).toHaveLength(1);

    const after = await scan(needles);
    expect(after.traces).toEqual([]);
    // What is left of the confirmation: that a mail of this template was sent, and when.
    const [record] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `SELECT recipient_address, address_hash, person_id, variables, status FROM mail_messages
          WHERE tenant_id = $1 AND template = 'deletion-confirmation'`,
        [tx.tenantId],
      ),
    );
    expect(record).toEqual({ recipient_address: null, address_hash: null, person_id: null, variables: null, status: 'sent' });
    if (after.database.method === 'sql') expect(after.database.tables).toEqual(expect.arrayContaining(['public.audit_log', 'public.mail_messages']));
  });

  it("after the retention engine's deletion at 18 months without a response, nothing of the person is left either", async () => {
    const { person, needles, boss } = await fullyUsedAccount();
    for (let m = 13; m <= 18; m++) {
      clock.set(months(m));
      await sweepRetention(t, tenant);
      await deliverMail(t, tenant);
    }
    const gone = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, person.id]),
    );
    expect(gone).toEqual([]);
    expect((await scan(needles)).traces).toEqual([]);
    // The employer's side of it goes as far as it was about the person; the employer stays.
    const employerStays = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, boss.id]),
    );
    expect(employerStays).toHaveLength(1);
  });
});
