import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import request from 'supertest';
import { TenantDb } from '../../libs/database/src/index.js';
import type { TenantRef } from '../../libs/context/src/index.js';
import { MailService } from '../../libs/mail/src/index.js';
import { SmtpCapture, header } from '../../libs/mail/src/__tests__/support/smtp-capture.js';
import { TEST_PASSWORD, TestApp } from '../support/test-app.js';
import { ensureBuilt, spawnDist, stopDist, type DistProcess } from '../support/dist-process.js';

/**
 * Issue 17: the platform as several real processes on one database. Three api and two worker
 * processes from the built `dist/`, on a database of their own (so no other test file's mail or
 * people are in it). Requests go through every api process; the workers deliver mail and sweep
 * retention at once; one worker is killed with SIGKILL in the middle of a batch and started again.
 * Counted at a real SMTP server and in the database: every mail delivered exactly once (except
 * those in the SMTP conversation the kill cut off, marked `unconfirmed`), every due reminder sent
 * once, every person due for deletion gone whole and nobody else touched.
 */
const MAILS = 1200;
const CONNECTIONS = 4;
const LEASE_SECONDS = 30;
const REMINDED = 12;
const DELETED = 12;
const KEPT = 6;

/** What RefugeeWork's registration asks for (as its own tests register). */
const registrationFields = (i: number) => ({
  name: `Amal Process ${i}`,
  email: `contact-${i}@mail.example`,
  phone: `+316100000${String(i).padStart(2, '0')}`,
  city: 'Emmeloord',
  province: 'flevoland',
  about: 'Carpenter with ten years of experience.',
  functionalSkills: ['carpentry'],
  socialSkills: ['teamwork'],
  languages: [{ language: 'Dutch', level: 'B1' }],
  workHistory: [{ role: 'Carpenter', sector: 'construction', country: 'Syria' }],
});

interface MailRow {
  id: string;
  status: string;
  handed_off: boolean;
  message_id_header: string;
  template: string;
  recipient_address: string | null;
}

describe('three api and two worker processes on one database', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let dbUrl: string;
  let adminUrl: string;
  let dbName: string;
  let tenant: TenantRef;
  let other: TenantRef;
  const apis: DistProcess[] = [];
  const workers: DistProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    smtp = await SmtpCapture.start();
    adminUrl = process.env.DATABASE_URL ?? '';
    if (!adminUrl) throw new Error('the test run sets DATABASE_URL (test/global-setup.mjs)');
    dbName = `multiprocess_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    // Migrates the new database and creates the runtime role: the processes then only connect.
    t = await TestApp.boot({ env: { DATABASE_URL: dbUrl, SMTP_URL: smtp.url } });
    tenant = await t.createTenant('refugee-talent-pool');
    other = await t.createTenant('refugee-talent-pool');
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => stopDist(p)));
    await t?.close();
    await smtp?.close();
    if (dbName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);

  const env = () => ({
    DATABASE_URL: t.prepared.ownerUrl,
    DATABASE_APP_URL: t.prepared.appUrl,
    SMTP_URL: smtp.url,
    MAIL_SMTP_CONNECTIONS: String(CONNECTIONS),
    MAIL_SEND_LEASE_SECONDS: String(LEASE_SECONDS),
    MAIL_POLL_INTERVAL_MS: '200',
    RETENTION_SWEEP_INTERVAL_SECONDS: '1',
    ALERTS_IMMEDIATE_INTERVAL_SECONDS: '5',
    LOG_LEVEL: 'warn',
  });

  const q = <R>(text: string, params: unknown[] = [], on = tenant) =>
    t.get(TenantDb).forTenant(on, (tx) => tx.query<R>(text, [tx.tenantId, ...params]));
  const mailRows = () =>
    q<MailRow>(
      `SELECT id, status, handed_off_at IS NOT NULL AS handed_off, message_id_header, template, recipient_address
         FROM mail_messages WHERE tenant_id = $1`,
    );

  /** Until no mail of the tenant is queued or leased, or the time is up. */
  async function drained(timeoutMs: number): Promise<MailRow[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const all = await mailRows();
      if (!all.some((r) => r.status === 'queued' || r.status === 'sending')) return all;
      if (Date.now() > until) throw new Error(`mail still open after ${timeoutMs} ms: ${JSON.stringify(all.filter((r) => r.status === 'queued' || r.status === 'sending').length)}`);
      await delay(250);
    }
  }

  /** Jobseekers of the tenant, made in-process; their retention state is set afterwards. */
  async function peopleDue(n: number, label: string): Promise<{ id: string; email: string }[]> {
    const out: { id: string; email: string }[] = [];
    for (let i = 0; i < n; i++) {
      const email = `${label}-${i}-${randomBytes(3).toString('hex')}@example.test`;
      const account = await t.createAccount(tenant, ['jobseeker'], { email });
      out.push({ id: account.id, email: account.email });
    }
    return out;
  }

  it('requests through every api process; mail, reminders and deletions exactly once despite a worker killed mid-batch', async () => {
    // ---- three api processes and two workers, from dist/
    for (let i = 0; i < 3; i++) apis.push(await spawnDist('api', env()));
    for (let i = 0; i < 2; i++) workers.push(await spawnDist('worker', env()));

    // ---- requests through every api process: a session made on one is honoured by the others,
    // and never by another tenant's requests on any of them.
    const staff = await t.createAccount(tenant, ['staff']);
    for (let i = 0; i < 3; i++) {
      const login = await request(apis[i].url).post('/auth/login').set('X-Tenant', tenant.key).send({ email: staff.email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      const token = login.body.accessToken as string;
      for (let j = 0; j < 3; j++) {
        const me = await request(apis[(i + j) % 3].url).get('/auth/me').set('X-Tenant', tenant.key).set('Authorization', `Bearer ${token}`);
        expect(me.status).toBe(200);
        expect(me.body.id ?? me.body.accountId).toBe(staff.id);
        const foreign = await request(apis[(i + j) % 3].url).get('/auth/me').set('X-Tenant', other.key).set('Authorization', `Bearer ${token}`);
        expect(foreign.status).toBe(401);
      }
    }
    const registered: string[] = [];
    for (let i = 0; i < 9; i++) {
      const email = `registered-${i}-${randomBytes(3).toString('hex')}@example.test`;
      const res = await request(apis[i % 3].url)
        .post('/profiles/register')
        .set('X-Tenant', tenant.key)
        .send({ email, fields: registrationFields(i), locale: 'en' });
      expect(res.status).toBe(202);
      registered.push(email);
    }

    // ---- retention: some people owe a reminder, some are past their deletion, some are not due.
    const reminded = await peopleDue(REMINDED, 'reminded');
    const deleted = await peopleDue(DELETED, 'deleted');
    const kept = await peopleDue(KEPT, 'kept');
    const setState = (ids: string[], anchorMonthsAgo: number, step: number, sent: number, deadlineDaysAgo: number | null) =>
      q(
        `INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_step, reminders_sent, deadline_at, next_due_at, status, updated_at)
         SELECT $1, id, 'jobseeker-inactivity', 'jobseeker', now() - make_interval(months => $3), $4, $5,
                CASE WHEN $6::int IS NULL THEN NULL ELSE now() - make_interval(days => $6::int) END,
                CASE WHEN $3 >= 12 THEN now() - interval '1 minute' ELSE now() + interval '30 days' END, 'active', now()
           FROM unnest($2::uuid[]) AS id
         ON CONFLICT (tenant_id, person_id, schedule_key) DO UPDATE SET
           anchor_at = EXCLUDED.anchor_at, next_step = EXCLUDED.next_step, reminders_sent = EXCLUDED.reminders_sent,
           deadline_at = EXCLUDED.deadline_at, next_due_at = EXCLUDED.next_due_at, status = 'active', updated_at = now()`,
        [ids, anchorMonthsAgo, step, sent, deadlineDaysAgo],
      );

    // ---- a batch of mail the workers deliver together; one of them is killed in the middle.
    let answered = 0;
    const victim = workers[0];
    let inConversationAtKill: string[] = [];
    let claimedAtKill: string[] = [];
    const kill = new Promise<void>((resolve) => {
      smtp.beforeAnswer = async () => {
        await delay(2);
        if (++answered !== Math.floor(MAILS / 3)) return;
        victim.child.kill('SIGKILL');
        const rows = await mailRows();
        inConversationAtKill = rows.filter((r) => r.status === 'sending' && r.handed_off).map((r) => r.id);
        claimedAtKill = rows.filter((r) => r.status === 'sending' && !r.handed_off).map((r) => r.id);
        resolve();
      };
    });
    for (let i = 0; i < MAILS; i += 200)
      await t.get(TenantDb).forTenant(tenant, async (tx) => {
        for (let j = i; j < i + 200; j++)
          await t.get(MailService).enqueue(tx, {
            template: 'retention-reminder-first',
            to: { address: `bulk-${j}@example.test`, locale: 'en' },
            variables: { name: `Person ${j}`, confirmUrl: 'https://rw.example/confirm?t=abc', deadline: '1 April 2027' },
          });
      });
    // The sweeps start while the batch goes out: both workers sweep every second.
    await setState(reminded.map((p) => p.id), 12, 0, 0, null);
    await setState(deleted.map((p) => p.id), 19, 6, 6, 1);
    await setState(kept.map((p) => p.id), 3, 0, 0, null);

    await kill;
    expect(await victim.exited).toBe('SIGKILL');
    workers[0] = await spawnDist('worker', env());

    // ---- everything settles: the survivor and the restarted worker finish the batch and the sweeps.
    const until = Date.now() + 120_000;
    for (;;) {
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM retention_state WHERE tenant_id = $1 AND next_due_at <= now() AND status = 'active'`,
      );
      if (n === 0) break;
      if (Date.now() > until) throw new Error(`${n} retention steps still due`);
      await delay(500);
    }
    const final = await drained(120_000);

    // Mail: every row ended; none delivered twice; only the conversation cut by the kill is unconfirmed.
    const deliveries = new Map<string, number>();
    for (const m of smtp.received) {
      const id = header(m.raw, 'Message-ID')!;
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
    expect(final.filter((r) => r.status !== 'sent' && r.status !== 'unconfirmed' && r.status !== 'suppressed')).toEqual([]);
    expect([...deliveries.values()].filter((n) => n > 1)).toEqual([]);
    const unconfirmed = final.filter((r) => r.status === 'unconfirmed').map((r) => r.id).sort();
    expect(unconfirmed.length).toBeLessThanOrEqual(CONNECTIONS);
    expect(unconfirmed.every((id) => inConversationAtKill.includes(id))).toBe(true);
    for (const r of final) if (r.status === 'sent') expect(deliveries.get(r.message_id_header)).toBe(1);
    // What the dead worker had claimed but not handed over was sent by another worker.
    const byId = new Map(final.map((r) => [r.id, r]));
    expect(claimedAtKill.filter((id) => byId.get(id)?.status !== 'sent')).toEqual([]);
    // Every registration made through any api process got its confirmation mail.
    for (const email of registered)
      expect(final.filter((r) => r.template === 'verify-email' && r.recipient_address === email)).toHaveLength(1);

    // Reminders: one each, whichever worker swept; the state says one.
    for (const p of reminded) {
      const mails = final.filter((r) => r.template === 'retention-reminder-first' && r.recipient_address === p.email);
      expect(mails).toHaveLength(1);
    }
    const states = await q<{ person_id: string; reminders_sent: number }>(
      `SELECT person_id, reminders_sent FROM retention_state WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [reminded.map((p) => p.id)],
    );
    expect(states.map((s) => s.reminders_sent)).toEqual(reminded.map(() => 1));

    // Deletions: whole, for exactly the people due, nobody else.
    const accounts = await q<{ id: string }>(`SELECT id FROM accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      [...deleted, ...reminded, ...kept].map((p) => p.id),
    ]);
    const left = new Set(accounts.map((a) => a.id));
    expect(deleted.filter((p) => left.has(p.id))).toEqual([]);
    expect([...reminded, ...kept].filter((p) => !left.has(p.id))).toEqual([]);
    const traces = await q<{ n: number }>(
      `SELECT (SELECT count(*) FROM retention_state WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]))
            + (SELECT count(*) FROM consent_state WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]))
            + (SELECT count(*) FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])) AS n`,
      [deleted.map((p) => p.id)],
    );
    expect(Number(traces[0].n)).toBe(0);
    // Nobody not yet due was reminded.
    for (const p of kept) expect(final.filter((r) => r.recipient_address === p.email)).toEqual([]);
  }, 420_000);
});
