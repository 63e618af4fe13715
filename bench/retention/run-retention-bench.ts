/**
 * Retention sweep benchmark (run by hand, never part of `npm test`):
 *
 *   npx tsc -p bench/retention/tsconfig.json && node scripts/copy-assets.mjs \
 *     && node dist/bench/retention/run-retention-bench.js
 *
 * One million people over four tenants, 1% due for deletion (statement 000's schedule: all six
 * reminders sent, the 18 months passed). In one run: a bare SQL DELETE of exactly those people's
 * rows (in a transaction rolled back, as the app's own role), then the real sweep deleting them
 * through every capability's erasure, while a separate API process is called in a loop to show
 * whether the sweep stalls requests. BENCH_PEOPLE, BENCH_TENANTS, BENCH_BATCH adjust the run.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApiApp } from '../../libs/platform/src/index.js';
import { startEmbeddedPostgres } from '../../libs/database/src/index.js';
import { AccountsService } from '../../libs/auth/src/index.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../libs/context/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { RetentionSweepService } from '../../libs/retention/src/index.js';
import { retentionLab } from '../../libs/retention/src/__tests__/support/retention-lab.tenant.js';
import { tenants as registered } from '../../tenants/index.js';
import { loadTenant, PERSON_TABLES } from './bench-population.js';
import { LatencyProbe, type LatencyStats } from './latency-probe.js';
import { timeHandlers, timeMethod } from './handler-timings.js';
import { AuditService } from '../../libs/audit/src/audit.service.js';
import { ReminderMailer } from '../../libs/retention/src/reminder-mailer.service.js';
import { RetentionStateStore } from '../../libs/retention/src/retention-state.store.js';
import { PersonDataRegistry } from '../../libs/privacy/src/index.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 4);
const DUE_EVERY = 100;
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const PROBE_PASSWORD = 'correct-horse-battery-staple-2026';
const TENANT_DEFS = [...registered, retentionLab];

type ChildMessage = { ready: number } | { stats: LatencyStats[] } | { error: string };

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

/** The API in its own process, as in production: what it suffers from the sweep is database contention only. */
async function apiProcess(): Promise<void> {
  const { app } = await createApiApp({ tenants: TENANT_DEFS, env: process.env });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as net.AddressInfo).port;
  let probe: LatencyProbe | null = null;
  process.on('message', async (m: { cmd: string; tenant?: string; email?: string }) => {
    try {
      if (m.cmd === 'probe-start') {
        const base = `http://127.0.0.1:${port}`;
        const login = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tenant': m.tenant! },
          body: JSON.stringify({ email: m.email, password: PROBE_PASSWORD }),
        });
        const { accessToken } = (await login.json()) as { accessToken: string };
        const auth = { 'x-tenant': m.tenant!, authorization: `Bearer ${accessToken}` };
        probe = new LatencyProbe(base, [
          { path: '/health', headers: {} },
          { path: '/auth/me', headers: auth },
          { path: '/consents/me', headers: auth },
        ]);
        probe.start();
      } else if (m.cmd === 'probe-stop') process.send!({ stats: await probe!.stop() });
      else if (m.cmd === 'exit') {
        await app.close();
        process.exit(0);
      }
    } catch (err) {
      process.send!({ error: String(err) });
    }
  });
  process.send!({ ready: port });
}

function ask(child: ChildProcess, cmd: Record<string, unknown>, expect: 'ready' | 'stats' | null): Promise<ChildMessage | null> {
  return new Promise((resolve, reject) => {
    if (!expect) return resolve(null), void child.send(cmd);
    const onMessage = (m: ChildMessage) => {
      if ('error' in m) reject(new Error(m.error));
      else if (expect in m) {
        child.off('message', onMessage);
        resolve(m);
      }
    };
    child.on('message', onMessage);
    if (Object.keys(cmd).length) child.send(cmd);
  });
}

/** Deletes the due people's rows with plain SQL, as the app role, and rolls back: the reference rate. */
async function bareDelete(appUrl: string, tenants: TenantRef[]): Promise<{ people: number; ms: number }> {
  const c = new pg.Client({ connectionString: appUrl });
  await c.connect();
  let people = 0;
  const started = performance.now();
  try {
    await c.query('BEGIN');
    for (const t of tenants) {
      await c.query('SELECT app.set_tenant($1)', [t.id]);
      const { rows } = await c.query<{ person_id: string }>(
        `SELECT person_id FROM retention_state WHERE tenant_id = $1 AND status = 'active' AND next_due_at <= now()`,
        [t.id],
      );
      const ids = rows.map((r) => r.person_id);
      people += ids.length;
      for (const [table, column] of PERSON_TABLES)
        await c.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND ${column} = ANY($2::uuid[])`, [t.id, ids]);
    }
    return { people, ms: performance.now() - started };
  } finally {
    await c.query('ROLLBACK');
    await c.end();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--api') return apiProcess();
  const dir = mkdtempSync(join(os.tmpdir(), 'retention-bench-pg-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    API_DOCS_UI: 'false',
    DATABASE_POOL_SIZE: '10',
  };
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
  if (embedded) env.DATABASE_URL = embedded.url;
  const { app, prepared } = await createApiApp({ tenants: TENANT_DEFS, env });
  const owner = new pg.Client({ connectionString: prepared.ownerUrl });
  await owner.connect();
  let child: ChildProcess | null = null;
  try {
    const inTenant = <T>(tenant: TenantRef, fn: () => Promise<T>) => RequestContext.run({ tenant, actor: SYSTEM }, fn);
    const tenants: TenantRef[] = [];
    const loadStart = performance.now();
    for (let i = 0; i < TENANTS; i++) {
      const tenant = await app.get(TenantsService).create({ key: `bench-${i}-${Date.now().toString(36)}`, plugin: 'retention-lab', name: `Bench ${i}` });
      tenants.push(tenant);
      await loadTenant(owner, tenant.id, Math.floor(PEOPLE / TENANTS), DUE_EVERY);
      console.log(`loaded tenant ${i + 1}/${TENANTS}`);
    }
    await owner.query('VACUUM ANALYZE');
    const probeEmail = 'probe@bench.example';
    await inTenant(tenants[0], () =>
      app.get(AccountsService).create({ email: probeEmail, password: PROBE_PASSWORD, displayName: 'Latency check', roles: ['staff'], emailVerified: true }),
    );
    console.log(`population: ${PEOPLE} people in ${TENANTS} tenants, loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

    child = fork(fileURLToPath(import.meta.url), ['--api'], { env: { ...env, RUN_MIGRATIONS: 'false' } });
    await ask(child, {}, 'ready');

    await bareDelete(prepared.appUrl, tenants);
    const bare = await bareDelete(prepared.appUrl, tenants);

    await ask(child, { cmd: 'probe-start', tenant: tenants[0].key, email: probeEmail }, null);
    await new Promise((done) => setTimeout(done, 5_000));
    const idle = ((await ask(child, { cmd: 'probe-stop' }, 'stats')) as { stats: LatencyStats[] }).stats;

    await ask(child, { cmd: 'probe-start', tenant: tenants[0].key, email: probeEmail }, null);
    const handlerTimes = timeHandlers(app.get(PersonDataRegistry));
    timeMethod(handlerTimes, 'audit.record', app.get(AuditService), 'record');
    timeMethod(handlerTimes, 'audit.recordMany', app.get(AuditService), 'recordMany');
    timeMethod(handlerTimes, 'audit.recordAndForget', app.get(AuditService), 'recordAndForget');
    timeMethod(handlerTimes, 'mailer.send', app.get(ReminderMailer), 'send');
    const store = app.get(RetentionStateStore);
    for (const m of ['claimDue', 'saveMany', 'interactedSince', 'adoptFromActivity', 'replanIfChanged'])
      timeMethod(handlerTimes, `state.${m}`, store, m);
    const started = performance.now();
    const report = await app.get(RetentionSweepService).sweep({ batchSize: BATCH, tenantIds: tenants.map((t) => t.id) });
    const sweepMs = performance.now() - started;
    const busy = ((await ask(child, { cmd: 'probe-stop' }, 'stats')) as { stats: LatencyStats[] }).stats;

    const sweepTimes = new Map(handlerTimes);
    const sweepRss = process.resourceUsage().maxRSS;
    const [{ left }] = (
      await owner.query<{ left: number }>(
        `SELECT count(*)::int AS left FROM retention_state WHERE tenant_id = ANY($1::uuid[]) AND status = 'active' AND next_due_at <= now()`,
        [tenants.map((t) => t.id)],
      )
    ).rows;
    // Every sweep adopts people with activity written since the last one (the sweep above did,
    // finding none); a new or changed plan asks for one full pass instead.
    const reconcile = async (label: string) => {
      handlerTimes.clear();
      const reconcileStarted = performance.now();
      const reconciled = await app.get(RetentionSweepService).sweep({ batchSize: BATCH, tenantIds: tenants.map((t) => t.id) });
      const adopt = handlerTimes.get('state.adoptFromActivity');
      console.log(
        `${label} (nothing due, ${reconciled.adopted} adopted): ${((performance.now() - reconcileStarted) / 1000).toFixed(2)} s, ` +
          `adoptFromActivity ${Math.round(adopt?.ms ?? 0)} ms in ${adopt?.calls ?? 0} calls`,
      );
    };
    await owner.query(`UPDATE retention_plans SET reconciled_at = NULL, adopted_through = NULL WHERE tenant_id = ANY($1::uuid[])`, [
      tenants.map((t) => t.id),
    ]);
    await reconcile('full reconciliation sweep, as for a new or changed plan');
    await reconcile('next sweep, reading only activity written since');
    const bareRate = bare.people / (bare.ms / 1000);
    const sweepRate = report.deleted / (sweepMs / 1000);
    console.log('\nsweep report', report);
    console.log('where the sweep\'s time went (ms):');
    for (const [k, v] of [...sweepTimes].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${k}: ${Math.round(v.ms)} ms in ${v.calls} calls`);
    console.log(`peak RSS of this process (the worker) after the sweep: ${Math.round(sweepRss / 1024)} MB; at the end: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    console.log(`\n| people | due | batch | bare DELETE: people/s | sweep: s | sweep: deleted/s | ratio | still due after |`);
    console.log(`|---|---|---|---|---|---|---|---|`);
    console.log(
      `| ${PEOPLE.toLocaleString('en')} | ${bare.people.toLocaleString('en')} | ${BATCH} | ${Math.round(bareRate).toLocaleString('en')} (${(bare.ms / 1000).toFixed(2)} s) | ${(sweepMs / 1000).toFixed(1)} | ${Math.round(sweepRate).toLocaleString('en')} | ${(sweepRate / bareRate).toFixed(2)} | ${left} |`,
    );
    console.log(`\n| route | idle p50 / p95 / max (ms) | during sweep p50 / p95 / p99 / max (ms) | requests during sweep |`);
    console.log(`|---|---|---|---|`);
    for (const b of busy) {
      const i = idle.find((x) => x.path === b.path)!;
      console.log(`| ${b.path} | ${i.p50} / ${i.p95} / ${i.max} | ${b.p50} / ${b.p95} / ${b.p99} / ${b.max} | ${b.count} |`);
    }
    console.log(`\nNode ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`);
  } finally {
    if (child) await ask(child, { cmd: 'exit' }, null);
    await owner.end();
    await app.close();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
