/**
 * Mail delivery (run by hand: `npm run bench:mail-delivery`, never part of `npm test`).
 *
 * One tenant's outbox of BENCH_MAILS mails (default 5,000) is delivered to a local SMTP sink in a
 * child process, two ways in the same run, alternating: the platform's delivery (claim with a
 * lease, render each mail from its stored variables, mark each round handed over before the end of
 * DATA, record outcomes per round) in runs and claims the size the worker's poller uses, and a bare
 * nodemailer loop sending the same rendered message over a pool of the same number of connections.
 * A third way, the platform as it ran before the next claim was pipelined (one claim per run), is
 * measured alongside so that a change can be told from the load of a shared machine.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { createApiApp } from '../../libs/platform/src/index.js';
import { AppConfig } from '../../libs/config/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { TenantDb } from '../../libs/database/src/index.js';
import { MailDeliveryService, MailService, type OutgoingMail } from '../../libs/mail/src/index.js';
import { DELIVERY_RUN } from '../../libs/mail/src/mail-delivery.scheduler.js';
import { MailOutboxStore, type DeliveryOutcome } from '../../libs/mail/src/mail-outbox.store.js';
import type { TenantRef } from '../../libs/context/src/index.js';
import { tenants } from '../../tenants/index.js';

const MAILS = Number(process.env.BENCH_MAILS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const log = (line: string) => console.log(`[bench] ${line}`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** An SMTP server that takes every message and drops it, in its own process. */
async function startSink(dir: string, port: number): Promise<ChildProcess> {
  const script = join(dir, 'smtp-sink.mjs');
  writeFileSync(
    script,
    `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(process.cwd(), 'package.json'))});
const { SMTPServer } = require('smtp-server');
let n = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 10 * 1024 * 1024,
  onData(stream, session, cb) { stream.on('data', () => {}); stream.on('end', () => cb(null, 'queued as sink' + (++n))); },
});
server.listen(${port}, '127.0.0.1', () => process.send('ready'));
`,
  );
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`sink exited ${code}`)));
  });
  return child;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  const dir = mkdtempSync(join(os.tmpdir(), 'delivery-bench-'));
  chmodSync(dir, 0o755);
  const smtpPort = await freePort();
  const sink = await startSink(dir, smtpPort);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    API_DOCS_UI: 'false',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    EMBEDDED_PG_DIR: join(dir, 'pg'),
    EMBEDDED_PG_PORT: String(await freePort()),
    STORAGE_DIR: join(dir, 'files'),
  };
  log(`booting on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL'}`);
  const { app } = await createApiApp({ tenants, env });
  try {
    const config = app.get(AppConfig);
    const connections = config.MAIL_SMTP_CONNECTIONS;
    const ref = await app
      .get(TenantsService)
      .create({ key: `bench-mail-${Date.now().toString(36)}`, plugin: 'kandidatenbank', name: 'Bench' });
    const db = app.get(TenantDb);
    const mail = app.get(MailService);
    const delivery = app.get(MailDeliveryService);
    let seq = 0;
    const reminder = () => ({
      template: 'profile-reconfirm',
      to: { address: `person-${++seq}@bench.example`, locale: 'en' },
      variables: { name: `Person ${seq}`, confirmUrl: `https://kb.example/confirm?t=${seq}`, deadline: '1 April 2027' },
    });

    async function enqueueAll(): Promise<void> {
      for (let i = 0; i < MAILS; i += 500)
        await db.forTenant(ref, async (tx) => {
          for (let j = i; j < Math.min(MAILS, i + 500); j++) await mail.enqueue(tx, reminder());
        });
    }

    /**
     * `run` is what the worker's poller asks for in each run; `ONE_CLAIM` is how it ran before claims
     * were pipelined (a run of one claim of 100, the next run after it), kept for comparison in the same run.
     */
    async function platform(run: { limit: number; claimSize: number } = DELIVERY_RUN): Promise<number> {
      await enqueueAll();
      const from = performance.now();
      let sent = 0;
      for (;;) {
        const r = await delivery.deliverDue(run.limit, ref, run.claimSize);
        sent += r.sent;
        if (!r.claimed) break;
        if (r.sent !== r.claimed) throw new Error(`not all sent: ${JSON.stringify(r)}`);
      }
      const s = (performance.now() - from) / 1000;
      if (sent !== MAILS) throw new Error(`sent ${sent} of ${MAILS}`);
      return MAILS / s;
    }

    // The same rendered message the platform sends, composed once by the platform's own code.
    const sample = await db.forTenant(ref, async (tx) => {
      await mail.enqueue(tx, reminder());
      const [claimed] = await delivery.claim(tx, 1);
      return delivery.compose(ref, claimed);
    });
    await db.forTenant(ref, (tx) => tx.query(`DELETE FROM mail_messages WHERE tenant_id = $1`, [tx.tenantId]));

    async function bare(): Promise<number> {
      const transport = nodemailer.createTransport({
        pool: true,
        maxConnections: connections,
        maxMessages: Infinity,
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        ignoreTLS: true,
      });
      const from = performance.now();
      await Promise.all(
        Array.from({ length: MAILS }, (_, i) =>
          transport.sendMail({ ...sample, from: sample.from, to: `bare-${i}@bench.example`, messageId: `<bare-${i}-${seq}@bench.example>` }),
        ),
      );
      const s = (performance.now() - from) / 1000;
      transport.close();
      return MAILS / s;
    }

    const ONE_CLAIM = { limit: DELIVERY_RUN.claimSize, claimSize: DELIVERY_RUN.claimSize };
    const figures: { platform: number[]; bare: number[]; oneClaim: number[] } = { platform: [], bare: [], oneClaim: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round the former way goes first, so a load that drifts during the run favours neither.
      const early = round % 2 ? await platform(ONE_CLAIM) : null;
      const p = await platform();
      const b = await bare();
      const o = early ?? (await platform(ONE_CLAIM));
      figures.platform.push(p);
      figures.bare.push(b);
      figures.oneClaim.push(o);
      log(
        `round ${round + 1}: platform ${p.toFixed(0)} mails/s, bare nodemailer ${b.toFixed(0)} mails/s -> ${(p / b).toFixed(2)}; one claim per run ${o.toFixed(0)} -> ${(o / b).toFixed(2)}`,
      );
    }
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const writes = await roundWrites(db, delivery, mail, ref, connections, reminder);
    console.log(`\n| a round's write (${connections} outcomes + ${connections} hand-off marks) | median ms | p95 ms |`);
    console.log(`|---|---|---|`);
    for (const [name, ms] of Object.entries(writes)) console.log(`| ${name} | ${pct(ms, 0.5).toFixed(2)} | ${pct(ms, 0.95).toFixed(2)} |`);
    console.log(`\n| ${MAILS} mails, ${connections} SMTP connections | mails/s |`);
    console.log(`|---|---|`);
    console.log(`| platform (claim, render, hand-off marks, outcomes per round) | ${avg(figures.platform).toFixed(0)} |`);
    console.log(`| bare nodemailer pool | ${avg(figures.bare).toFixed(0)} |`);
    console.log(`| ratio (target >= 0.80) | ${(avg(figures.platform) / avg(figures.bare)).toFixed(2)} |`);
    console.log(`| platform, one claim per run (as before the next claim was pipelined) | ${avg(figures.oneClaim).toFixed(0)} |`);
    console.log(`| its ratio | ${(avg(figures.oneClaim) / avg(figures.bare)).toFixed(2)} |`);
    console.log(`\n${os.cpus().length} x ${os.cpus()[0]?.model}; node ${process.version}; load average at start ${loadBefore}, at end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    await app.close();
    sink.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/**
 * The write each delivery round waits for, timed on its own and alternating: the same
 * `app.mail_round` statement (previous round's outcomes, this round's marks) inside a unit of work
 * (BEGIN, set tenant, statement, COMMIT: what a round cost before) and alone (its own implicit
 * transaction, as the delivery runs it).
 */
async function roundWrites(
  db: TenantDb,
  delivery: MailDeliveryService,
  mail: MailService,
  ref: TenantRef,
  lanes: number,
  reminder: () => OutgoingMail,
): Promise<Record<string, number[]>> {
  const WRITES = 300;
  await db.forTenant(ref, async (tx) => {
    for (let i = 0; i < WRITES * lanes; i++) await mail.enqueue(tx, reminder());
  });
  const claimed = await db.forTenant(ref, (tx) => delivery.claim(tx, WRITES * lanes));
  const [{ owner }] = await db.forTenant(ref, (tx) =>
    tx.query<{ owner: string }>(`SELECT lease_owner AS owner FROM mail_messages WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, claimed[0].id]),
  );
  const times: Record<string, number[]> = { 'unit of work (4 round trips)': [], 'one statement (1 round trip)': [] };
  const previous: Record<string, string[]> = {};
  for (let i = 0; i < WRITES; i++) {
    const name = Object.keys(times)[i % 2];
    const ids = claimed.slice(i * lanes, (i + 1) * lanes).map((m) => m.id);
    const done = (previous[name] ?? []).map((id): DeliveryOutcome => ({ id, kind: 'sent', providerMessageId: null }));
    const now = new Date();
    const round = MailOutboxStore.roundStatement(done, ids, { tenantId: ref.id, now, owner, leaseUntil: new Date(now.getTime() + 600_000) });
    const from = performance.now();
    // The manager directly: the function filters on the tenant itself, which the unit of work's guard cannot see.
    if (i % 2 === 0) await db.forTenant(ref, (tx) => tx.manager.query(round.sql, round.params));
    else await db.statementFor(ref, round.sql, round.params);
    times[name].push(performance.now() - from);
    previous[name] = ids;
  }
  await db.forTenant(ref, (tx) => tx.query(`DELETE FROM mail_messages WHERE tenant_id = $1`, [tx.tenantId]));
  return times;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
