/**
 * The authenticated request path (run by hand: `npm run bench:request-path`, never part of `npm test`).
 *
 * The platform and a bare node:http + pg server doing the same work are loaded in the same run,
 * alternating, by autocannon in a child process (so the load generator does not share the
 * servers' event loop): `GET /consents/me` as a jobseeker (verify the token, check the session,
 * read the person's consent state and ledger under row-level security as the runtime role), and
 * `/health/live` against a bare answer. Prints requests/s, latency, the ratio to bare, the load
 * average, and the memory of the platform's own process (it runs in a child process,
 * platform-process.ts, so the figure is of the api alone): RSS after boot, the highest RSS sampled
 * under load, and the kernel's high-water mark (VmHWM).
 */
import 'reflect-metadata';
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import type { PlatformReady } from './platform-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const log = (line: string) => console.log(`[bench] ${line}`);
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

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

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
}

/** A process's memory in MB from /proc: VmRSS (now) or VmHWM (the highest RSS it ever had). */
function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** autocannon as a child process; the RSS of the server's process (`pid`) is sampled meanwhile. */
function load(url: string, headers: Record<string, string>, pid: number): Promise<Load> {
  const args = [autocannonBin, '-j', '-c', String(CONNECTIONS), '-d', String(SECONDS)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  let peak = procMb(pid, 'VmRSS');
  const sampler = setInterval(() => (peak = Math.max(peak, procMb(pid, 'VmRSS'))), 100);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      clearInterval(sampler);
      if (err) return reject(err);
      const r = JSON.parse(stdout) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        peakRssMb: peak,
      });
    });
  });
}

/**
 * What the platform does for `GET /consents/me`, with nothing else: verify the token (a KeyObject
 * key), then one transaction as the runtime role with the tenant set: the session check, the
 * consent state, the ledger.
 */
function bareServer(appUrl: string, secret: string, tenantId: string, poolSize: number): http.Server {
  const pool = new pg.Pool({ connectionString: appUrl, max: poolSize });
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/health/live') return send(200, { status: 'ok' });
    void (async () => {
      let claims: { sub: string; sid: string };
      try {
        const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        claims = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: 'recruit-platform',
          audience: tenantId,
        }) as { sub: string; sid: string };
      } catch {
        return send(401, { detail: 'Invalid or expired access token' });
      }
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT app.set_tenant($1)', [tenantId]);
        const session = await client.query(
          `SELECT a.roles FROM sessions s JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
            WHERE s.tenant_id = $1 AND s.id = $2 AND s.account_id = $3 AND s.revoked_at IS NULL AND s.expires_at > now()
              AND a.status = 'active' AND a.email_verified_at IS NOT NULL`,
          [tenantId, claims.sid, claims.sub],
        );
        if (!session.rowCount) {
          await client.query('COMMIT');
          return send(401, { detail: 'Session ended' });
        }
        const states = await client.query(
          `SELECT purpose, granted, policy_version AS "policyVersion", changed_at AS "changedAt"
             FROM consent_state WHERE tenant_id = $1 AND person_id = $2`,
          [tenantId, claims.sub],
        );
        const history = await client.query(
          `SELECT purpose, granted, at, channel, policy_version AS "policyVersion" FROM consent_events
            WHERE tenant_id = $1 AND person_id = $2 ORDER BY at DESC, id LIMIT 500`,
          [tenantId, claims.sub],
        );
        await client.query('COMMIT');
        send(200, { items: states.rows, history: history.rows });
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        send(500, { detail: (err as Error).message });
      } finally {
        client.release();
      }
    })();
  });
  server.on('close', () => void pool.end());
  return server;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  const dir = mkdtempSync(join(os.tmpdir(), 'request-bench-'));
  chmodSync(dir, 0o755);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    API_DOCS_UI: 'false',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    EMBEDDED_PG_DIR: join(dir, 'pg'),
    EMBEDDED_PG_PORT: String(await freePort()),
    STORAGE_DIR: join(dir, 'files'),
    MAIL_DEV_OUTBOX_DIR: join(dir, 'mail'),
  };
  log(`booting the API in its own process on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL'}`);
  // The request log lines go to /dev/null, as a pipe to a collector would take them, not to this terminal.
  const child: ChildProcess = fork(join(dirname(fileURLToPath(import.meta.url)), 'platform-process.js'), [], {
    env,
    execArgv: (process.env.BENCH_PLATFORM_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let bare: http.Server | undefined;
  try {
    const [msg] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`the platform process exited with ${code}`))),
    ])) as [{ ready: PlatformReady }];
    const { ready } = msg;
    const pid = child.pid!;
    const platformUrl = `http://127.0.0.1:${ready.port}`;
    const login = await fetch(`${platformUrl}/auth/login`, {
      method: 'POST',
      headers: { 'x-tenant': ready.tenantKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'jobseeker@bench.example', password: ready.password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { 'x-tenant': ready.tenantKey, authorization: `Bearer ${token}` };

    bare = bareServer(ready.appUrl, ready.jwtSecret, ready.tenantId, ready.poolSize);
    const barePort = await freePort();
    await new Promise<void>((r) => bare!.listen(barePort, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${barePort}`;
    for (const [name, base] of [['platform', platformUrl], ['bare', bareUrl]] as const) {
      const check = await fetch(`${base}/consents/me`, { headers });
      if (check.status !== 200) throw new Error(`${name} answered ${check.status}: ${await check.text()}`);
    }
    const idleRss = procMb(pid, 'VmRSS');

    const results: Record<string, Load[]> = {};
    const record = (k: string, r: Load) => (results[k] ??= []).push(r);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [path, label] of [['/consents/me', 'consents'], ['/health/live', 'health']] as const) {
        // An orchestrator's probe carries no token; a token on a public route would be checked.
        const sent = label === 'health' ? {} : headers;
        const p = await load(`${platformUrl}${path}`, sent, pid);
        record(`platform ${label}`, p);
        if (process.env.BENCH_PLATFORM_ONLY) continue; // for profiling the platform alone
        const b = await load(`${bareUrl}${path}`, sent, process.pid);
        record(`bare ${label}`, b);
        log(`round ${round + 1} ${path}: platform ${p.rps.toFixed(0)} req/s (p50 ${p.p50} ms, p99 ${p.p99} ms, non-2xx ${p.non2xx}, RSS ${p.peakRssMb} MB), bare ${b.rps.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms) -> ${(p.rps / b.rps).toFixed(2)}`);
      }
    }
    const avg = (k: string) => (results[k] ?? []).reduce((s, r) => s + r.rps, 0) / (results[k]?.length ?? NaN);
    const peak = (k: string) => Math.max(...(results[k] ?? []).map((r) => r.peakRssMb));
    console.log(`\n| route | platform req/s | bare req/s | ratio | target |`);
    console.log(`|---|---|---|---|---|`);
    for (const label of ['consents', 'health'])
      console.log(`| ${label === 'consents' ? 'GET /consents/me (jobseeker)' : 'GET /health/live'} | ${avg(`platform ${label}`).toFixed(0)} | ${avg(`bare ${label}`).toFixed(0)} | ${(avg(`platform ${label}`) / avg(`bare ${label}`)).toFixed(2)} | >= 0.80 |`);
    console.log(
      `\nplatform process (pid ${pid}): RSS after boot and one request of each kind ${idleRss} MB; highest sampled under load ${Math.max(peak('platform consents'), peak('platform health'))} MB (/consents/me ${peak('platform consents')}, /health/live ${peak('platform health')}); VmHWM ${procMb(pid, 'VmHWM')} MB (target < 250 MB)`,
    );
    if (!process.env.BENCH_PLATFORM_ONLY)
      console.log(`bench process (bare server + bench): highest sampled under load ${Math.max(peak('bare consents'), peak('bare health'))} MB; VmHWM ${procMb(process.pid, 'VmHWM')} MB`);
    console.log(`autocannon -c ${CONNECTIONS} -d ${SECONDS}, ${ROUNDS} alternating rounds; ${os.cpus().length} x ${os.cpus()[0]?.model}; node ${process.version}`);
    console.log(`load average at start ${loadBefore}, at end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    if (bare) await new Promise<void>((r) => bare!.close(() => r()));
    if (child.exitCode === null) {
      child.send({ close: true });
      await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
