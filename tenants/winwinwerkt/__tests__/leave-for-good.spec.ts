import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail } from '../../../test/support/workers.js';
import { captureLog, dumpDatabase, dumpFiles, findTraces } from '../../../test/support/trace-scan.js';
import { RemindersService } from '../winwinwerkt.reminders.service.js';
import { HOSTS, on, registeredCandidate } from './winwinwerkt.fixture.js';

/**
 * Statement 003, 2.1: "Wil je dat wij je inschrijving verwijderen, dan kan je dat aanpassen in je
 * profiel 'beschikbaarheid'. Zet je dit op 'niet meer beschikbaar + altijd', dan verwijderen wij
 * alle gegevens, inclusief de documenten zoals cv en foto en e-mails. Het is ook mogelijk om je
 * inschrijving op passief te zetten." Proven by a scan of the whole database, the file store and
 * the log for every value the person left.
 */
describe('statement 003: availability, and "niet meer beschikbaar + altijd"', () => {
  const clock = new FixedClock('2027-03-01T09:00:00Z');
  const log = captureLog();
  let smtp: SmtpCapture;
  let storageDir: string;
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    storageDir = await mkdtemp(join(tmpdir(), 'winwinwerkt-files-'));
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url, STORAGE_DIR: storageDir, LOG_LEVEL: 'trace' }, logDestination: log.stream });
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const upload = async (token: string, field: string, bytes: Buffer, name: string, type: string) => {
    const res = await t
      .http('post', `/profiles/me/documents/${field}`, { tenant: tenant.key, token, headers: { host: HOSTS.mkb } })
      .attach('file', bytes, { filename: name, contentType: type });
    if (res.status !== 201 && res.status !== 200) throw new Error(`upload ${field}: ${res.status} ${JSON.stringify(res.body)}`);
  };

  it('passive is a choice the candidate makes in the profile; any other value is refused, naming the field', async () => {
    const c = await registeredCandidate(t, tenant, HOSTS.mkb, { fields: { availability: 'passief' } });
    expect((await on(t, tenant, HOSTS.mkb).get('/profiles/me', c.token)).body.fields.availability).toBe('passief');
    const bad = await on(t, tenant, HOSTS.mkb).patch('/profiles/me', { fields: { availability: 'weg' } }, c.token);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['fields.availability']);
  });

  it('deletes the profile, the CV and photo and every mail exchanged: a scan finds none of the values afterwards', async () => {
    const tag = randomBytes(5).toString('hex');
    const c = await registeredCandidate(t, tenant, HOSTS.mkb, { fields: { desiredJob: `Banketbakker-${tag}`, availability: 'passief' } });
    await upload(c.token, 'cv', Buffer.from(`%PDF-1.4\n% CV-${tag}\n%%EOF\n`), 'cv.pdf', 'application/pdf');
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
      Buffer.from([0xff, 0xfe, 0x00, 2 + `PHOTO-${tag}`.length]),
      Buffer.from(`PHOTO-${tag}`),
      Buffer.from([0xff, 0xd9]),
    ]);
    await upload(c.token, 'photo', jpeg, 'foto.jpg', 'image/jpeg');
    // Mails exchanged: the verification, and a reminder half a year on.
    clock.set('2027-09-01T09:00:00Z');
    await t.get(RemindersService).sendDue(tenant);
    await deliverMail(t, tenant);
    expect(smtp.to(c.email).length).toBeGreaterThanOrEqual(2);

    const needles: Record<string, string> = {
      'sign-in address': c.email,
      'person id': c.id,
      'first name': c.secrets.firstName,
      'last name': c.secrets.lastName,
      phone: c.secrets.phone,
      summary: c.secrets.summary,
      'desired job': `Banketbakker-${tag}`,
      'CV contents': `CV-${tag}`,
      'photo contents': `PHOTO-${tag}`,
    };
    const scan = async () =>
      findTraces(needles, { database: (await dumpDatabase(t.prepared.ownerUrl)).text, files: await dumpFiles(storageDir), log: log.lines.join('\n') });
    // The scan can find what it looks for.
    const before = new Set((await scan()).map((tr) => tr.what));
    for (const what of ['sign-in address', 'person id', 'summary', 'CV contents', 'photo contents']) expect(before).toContain(what);

    const token = await t.login({ email: c.email, password: 'een lange zin die ik onthoud', tenant });
    const unconfirmed = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/me/leave-for-good', { confirm: false }, token);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors.map((e: { field: string }) => e.field)).toEqual(['confirm']);
    const res = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/me/leave-for-good', { confirm: true }, token);
    expect(res.status).toBe(200);
    await t.settled();

    const rows = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT 1 FROM mail_messages WHERE tenant_id = $1 AND (person_id = $2 OR recipient_address = $3)`, [tx.tenantId, c.id, c.email]),
    );
    expect(rows).toHaveLength(0);
    expect(await scan()).toEqual([]);
    // And the session it had is worth nothing now.
    expect((await on(t, tenant, HOSTS.mkb).get('/profiles/me', token)).status).toBe(401);
  }, 60_000);
});
