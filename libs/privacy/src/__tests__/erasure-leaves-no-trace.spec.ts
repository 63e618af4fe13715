import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, sweepRetention } from '../../../../test/support/workers.js';
import { captureLog, dumpDatabase, dumpFiles, findTraces } from '../../../../test/support/trace-scan.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { addressHash } from '../../../mail/src/address.js';
import { AlertDispatchService } from '../../../alerts/src/alert-dispatch.service.js';
import { ErasureService } from '../erasure.service.js';

const START = '2026-01-10T09:00:00Z';
const CONSENT_VERSION = '2023-07';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The kandidatenbank (statement 001, the core's default behaviour): an erased person leaves nothing
 * in a full dump of the database, in the file store or in the log. Kandidatenbank has no
 * self-service account deletion; its people are erased by the core erasure (what a data-subject
 * request, a tenant's bounce handler and every other path call) and alert subscribers by removing
 * their last alert. Staff and employers are people too: erasing them leaves their id in no row of
 * someone else's.
 */
describe('erasure on the kandidatenbank leaves no trace in the database, the file store or the log', () => {
  const clock = new FixedClock(START);
  const log = captureLog();
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let storageDir: string;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    storageDir = await mkdtemp(join(tmpdir(), 'erasure-kb-files-'));
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url, STORAGE_DIR: storageDir, LOG_LEVEL: 'trace' }, logDestination: log.stream });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await rm(storageDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    clock.set(START);
    tenant = await t.createTenant('kandidatenbank');
  });

  type Res = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const call = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, token?: string, body?: unknown) =>
    t.http(method, path, { tenant: tenant.key, token, body }) as unknown as Promise<Res>;
  async function ok(p: Promise<Res>, what: string, ...statuses: number[]): Promise<Res> {
    const res = await p;
    if (!statuses.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
  const sql = <R = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    t.get(TenantDb).forTenant(tenant, (tx) => tx.query<R>(text, [tx.tenantId, ...params]));
  const queued = async (address: string, template: string) =>
    (
      await sql<{ variables: Record<string, string> }>(
        `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2 AND template = $3 ORDER BY created_at DESC LIMIT 1`,
        [address, template],
      )
    )[0]?.variables;
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  const scan = async (needles: Record<string, string>) =>
    findTraces(needles, {
      database: (await dumpDatabase(t.prepared.ownerUrl)).text,
      files: await dumpFiles(storageDir),
      log: log.lines.join('\n'),
    });
  const hashOf = (address: string) => addressHash(tenant.id, address);

  function files(tag: string) {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), Buffer.from(`PHOTO-${tag}`), Buffer.from([0xff, 0xd9])]);
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.from(`free VIDEO-${tag}`)]);
    const pdf = Buffer.from(`%PDF-1.4\n% CV-${tag}\n%%EOF\n`);
    return {
      cv: { bytes: pdf, name: `${tag}-cv.pdf`, type: 'application/pdf' },
      photo: { bytes: jpeg, name: `${tag}-photo.jpg`, type: 'image/jpeg' },
      video: { bytes: mp4, name: `${tag}-video.mp4`, type: 'video/mp4' },
    };
  }

  async function upload(token: string, field: string, f: { bytes: Buffer; name: string; type: string }): Promise<string> {
    const res = await t
      .http('post', `/profiles/me/documents/${field}`, { tenant: tenant.key, token })
      .attach('file', f.bytes, { filename: f.name, contentType: f.type });
    if (res.status !== 201 && res.status !== 200) throw new Error(`upload ${field}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  it('a fully used candidate account, erased by the core erasure, leaves nothing: profile, documents, consents, applications, alerts, mails, opt-outs, sign-ins', async () => {
    const tag = `qz${randomBytes(5).toString('hex')}`;
    const email = `sam.${tag}@mail.example`;
    const password = 'a-long-pass-phrase-for-tests';
    const phone = `+316${String(Date.now() % 100_000_000).padStart(8, '2')}`;
    await ok(
      call('post', '/profiles/register', undefined, { email, locale: 'nl', fields: { firstName: `Sam ${tag}`, lastName: `de Vries ${tag}` } }),
      'register',
      202,
    );
    // Registration does its address-dependent work after the answer; the password is chosen with the link.
    await t.settled();
    await ok(call('post', '/profiles/verify-email', undefined, { token: tokenOf((await queued(email, 'verify-email'))!.verifyUrl), password }), 'verify', 200);
    const signIn = async () => (await ok(call('post', '/auth/login', undefined, { email, password }), 'sign-in', 200)).body.accessToken as string;
    let token = await signIn();
    const me = (await ok(call('get', '/profiles/me', token), 'own profile', 200)).body;
    const personId = me.id as string;
    for (const purpose of ['photo', 'video', 'healthData', 'newsletter'])
      await ok(call('post', `/consents/me/${purpose}`, token, { version: CONSENT_VERSION }), `consent ${purpose}`, 200, 201);
    await ok(
      call('patch', '/profiles/me', token, {
        fields: {
          phone,
          street: `Lange Nieuwstraat ${tag} 12`,
          postcode: '3512 PH',
          city: `Utrecht${tag}`,
          birthDate: '1990-05-17',
          gender: 'undisclosed',
          headline: `Monteur ${tag}`,
          summary: `Ervaren monteur ${tag}; bel ${phone}.`,
          educationLevel: 'mbo',
          hoursPerWeek: 32,
          workExperience: [{ employer: `Installatiebedrijf ${tag}`, role: `Monteur ${tag}`, from: '2015-01-01', to: '2024-12-31', description: `Zonnepanelen ${tag}` }],
          education: [{ name: `Elektrotechniek ${tag}`, institution: `ROC ${tag}`, year: 2014 }],
          trainings: [`VCA ${tag}`, `NEN 3140 ${tag}`],
          references: `Referentie: Piet ${tag}`,
          workAccommodations: `Rugklachten ${tag}`,
        },
      }),
      'profile',
      200,
    );
    const docs = files(tag);
    const cvId = await upload(token, 'cv', docs.cv);
    await upload(token, 'photo', docs.photo);
    await upload(token, 'video', docs.video);
    await ok(call('post', '/profiles/me/activate', token), 'activate', 200);

    const staff = await t.signedIn(tenant, ['staff']);
    await ok(call('patch', `/profiles/${personId}`, staff.token, { fields: { testResults: `Test ${tag}: goed`, staffNotes: `Notitie ${tag}` } }), 'staff', 200);
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const found = await ok(call('get', `/search/profiles?q=${tag}`, recruiter.token), 'search', 200);
    // The recruiter opens the profile as search lists it: by its public handle.
    await ok(call('get', `/profiles/${found.body.items[0].handle}`, recruiter.token), 'recruiter reads', 200);
    const vacancy = (
      await ok(
        call('post', '/manage/vacancies', recruiter.token, {
          title: 'Monteur elektrotechniek',
          description: 'Wij zoeken een ervaren monteur voor installaties in nieuwbouwwoningen in de regio.',
          location: { city: 'Utrecht', postcode: '3511 AB', country: 'NL', latitude: 52.0907, longitude: 5.1214 },
          hours: { min: 32, max: 40 },
          contractType: 'permanent',
          educationLevel: 'vocational',
          publishUntil: '2027-12-31T00:00:00.000Z',
          status: 'published',
        }),
        'vacancy',
        201,
      )
    ).body.id as string;
    const application = (
      await ok(call('post', `/vacancies/${vacancy}/applications`, token, { motivation: `Graag, ${tag}`, documentIds: [cvId] }), 'apply', 201)
    ).body.id as string;
    await ok(call('get', `/applications/${application}`, recruiter.token), 'recruiter reads the application', 200);
    await ok(call('patch', `/applications/${application}/status`, recruiter.token, { status: 'in-review' }), 'status', 200);

    // A vacancy alert under the account's address, confirmed and sent.
    await ok(call('post', '/alerts', undefined, { name: `Sam ${tag}`, email, keywords: 'monteur', frequency: 'immediate' }), 'alert', 202);
    await ok(call('post', '/alerts/confirm', undefined, { token: tokenOf((await queued(email, 'alert-confirm'))!.confirmUrl) }), 'confirm', 200);
    clock.advance(60_000);
    await ok(call('patch', `/manage/vacancies/${vacancy}`, recruiter.token, { title: 'Monteur elektrotechniek (m/v)' }), 'vacancy update', 200);
    await t.inTenant(tenant, () => t.get(AlertDispatchService).sendImmediate());
    await deliverMail(t, tenant);

    // A year after activation the re-confirmation reminder; the person opts out of newsletters with its link.
    clock.set('2027-01-10T09:00:00Z');
    await sweepRetention(t, tenant);
    await deliverMail(t, tenant);
    const reminder = smtp.to(email).find((m) => header(m.raw, 'X-Mail-Category') === 'reminder');
    expect(reminder).toBeDefined();
    const unsubscribe = new URL(header(reminder!.raw, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
    await ok(call('put', `${unsubscribe.pathname.replace(/unsubscribe$/, 'preferences')}${unsubscribe.search}`, undefined, { newsletter: false }), 'preferences', 200);
    token = await signIn();
    await ok(call('get', '/profiles/me', token), 'own profile', 200);

    const needles: Record<string, string> = {
      'the tag in every value': tag,
      'person and account id': personId,
      'sign-in address': email,
      phone,
      'CV hash': sha256(docs.cv.bytes),
      'photo hash': sha256(docs.photo.bytes),
      'address hash': hashOf(email),
    };
    const before = new Set((await scan(needles)).map((tr) => `${tr.what}@${tr.where}`));
    for (const found of ['the tag in every value@database', 'the tag in every value@files', 'person and account id@database', 'address hash@database'])
      expect(before).toContain(found);

    await t.inTenant(tenant, () => t.get(ErasureService).erase(personId, 'data-subject request'));
    await deliverMail(t, tenant);

    expect(await scan(needles)).toEqual([]);
  });

  it('an alert subscriber without an account who removes the last alert leaves no trace', async () => {
    const tag = `qz${randomBytes(5).toString('hex')}`;
    const email = `alerts.${tag}@mail.example`;
    const unit = await t.createOrgUnit(tenant, 'employer');
    const recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    await ok(call('post', '/alerts', undefined, { name: `Noor ${tag}`, email, keywords: 'lasser', location: { label: `Zeist${tag}` }, frequency: 'immediate' }), 'alert', 202);
    const confirmed = (await ok(call('post', '/alerts/confirm', undefined, { token: tokenOf((await queued(email, 'alert-confirm'))!.confirmUrl) }), 'confirm', 200)).body;
    const [{ person_id: subscriberId }] = await sql<{ person_id: string }>(
      `SELECT person_id FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2 LIMIT 1`,
      [email],
    );
    clock.advance(60_000);
    await ok(
      call('post', '/manage/vacancies', recruiter.token, {
        title: 'Lasser',
        description: 'Lasser gezocht voor constructiewerk in de metaalindustrie, in de regio.',
        location: { city: `Zeist${tag}`, country: 'NL' },
        hours: { min: 32, max: 40 },
        contractType: 'permanent',
        educationLevel: 'vocational',
        publishUntil: '2027-12-31T00:00:00.000Z',
        status: 'published',
      }),
      'vacancy',
      201,
    );
    await t.inTenant(tenant, () => t.get(AlertDispatchService).sendImmediate());
    await deliverMail(t, tenant);
    expect(smtp.to(email).length).toBeGreaterThanOrEqual(2);
    const needles = { 'the tag in every value': tag, 'subscriber id': subscriberId, address: email, 'address hash': hashOf(email) };
    expect((await scan(needles)).length).toBeGreaterThan(0);

    await ok(call('delete', `/alert-subscription/alerts/${confirmed.alertId}?token=${encodeURIComponent(confirmed.manageToken)}`), 'remove', 200, 204);
    // The vacancy is the employer's and stays; its city is not the subscriber's.
    expect(await scan({ ...needles, 'the tag in every value': `noor ${tag}` })).toEqual([]);
  });

  it('erasing staff, an administrator and a recruiter leaves their id in no row about anyone else', async () => {
    const tag = `qz${randomBytes(5).toString('hex')}`;
    const person = await t.createAccount(tenant, ['jobseeker'], { displayName: `Kandidaat ${tag}` });
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const staff = await t.createAccount(tenant, ['staff'], { displayName: `Coach ${tag}`, email: `coach.${tag}@mail.example` });
    const admin = await t.createAccount(tenant, ['tenant-admin'], { displayName: `Beheer ${tag}`, email: `beheer.${tag}@mail.example` });
    const recruiter = await t.createAccount(tenant, ['employer'], { displayName: `Rik ${tag}`, email: `rik.${tag}@mail.example`, orgUnitIds: [unit.id] });
    const [staffToken, adminToken, recruiterToken] = [await t.login(staff), await t.login(admin), await t.login(recruiter)];

    await ok(call('post', `/consents/people/${person.id}/newsletter`, staffToken, { version: CONSENT_VERSION, channel: 'phone' }), 'consent', 200);
    const hold = (
      await ok(call('post', '/retention/holds', staffToken, { personId: person.id, reason: 'Subsidieregeling', endsAt: '2027-01-01' }), 'hold', 201)
    ).body.id as string;
    await ok(call('delete', `/retention/holds/${hold}`, adminToken), 'release', 200, 204);
    await ok(call('put', '/settings/reconfirmWindowDays', adminToken, { value: 45 }), 'setting', 200);
    const vacancy = (
      await ok(
        call('post', '/manage/vacancies', recruiterToken, {
          title: 'Monteur',
          description: 'Wij zoeken een ervaren monteur voor installaties in nieuwbouwwoningen in de regio.',
          location: { city: 'Utrecht', country: 'NL' },
          hours: { min: 32, max: 40 },
          contractType: 'permanent',
          educationLevel: 'vocational',
          publishUntil: '2027-12-31T00:00:00.000Z',
          status: 'published',
        }),
        'vacancy',
        201,
      )
    ).body.id as string;

    const needles: Record<string, string> = {};
    for (const [who, a] of Object.entries({ staff, admin, recruiter })) {
      needles[`${who} id`] = a.id;
      needles[`${who} address`] = a.email;
    }
    needles['the tag in their names'] = tag;
    for (const a of [staff, admin, recruiter]) await t.inTenant(tenant, () => t.get(ErasureService).erase(a.id, 'left the organisation'));

    const traces = await scan(needles);
    // The person they worked for keeps their own name (it carries the tag too); nothing else does.
    expect(traces.filter((tr) => tr.what !== 'the tag in their names')).toEqual([]);
    // What they did stays, without them: the ledger entry, the released hold, the setting, the vacancy.
    expect(await sql(`SELECT recorded_by FROM consent_events WHERE tenant_id = $1 AND person_id = $2`, [person.id])).toEqual([{ recorded_by: null }]);
    expect(await sql(`SELECT created_by, released_by FROM legal_holds WHERE tenant_id = $1 AND id = $2`, [hold])).toEqual([
      { created_by: null, released_by: null },
    ]);
    expect(await sql(`SELECT updated_by FROM tenant_settings WHERE tenant_id = $1`)).toEqual([{ updated_by: null }]);
    expect(await sql(`SELECT title FROM vacancies WHERE tenant_id = $1 AND id = $2`, [vacancy])).toEqual([{ title: 'Monteur' }]);
    await t.inTenant(tenant, () => t.get(ErasureService).erase(person.id, 'test'));
    expect(await scan(needles)).toEqual([]);
  });
});
