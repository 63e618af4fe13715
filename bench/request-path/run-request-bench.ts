/**
 * The authenticated request path (run by hand: `npm run bench:request-path`, never part of `npm test`).
 *
 * The platform and a bare node:http + pg server doing the same work are loaded in the same run,
 * alternating, by autocannon in a child process (so the load generator does not share the
 * servers' event loop): `GET /consents/me` as a jobseeker (verify the token, check the session,
 * read the person's consent state and ledger under row-level security as the runtime role), and
 * `/health/live` against two bare answers: the minimal one (one header) and, byte for byte, the
 * platform's own (helmet's headers, a request id per answer). Prints requests/s, latency, the ratio
 * to bare, the CPU time each server's process spent per request, the load average, and the memory
 * of the platform's own process (it runs in a child process, platform-process.ts, so the figure is
 * of the api alone): RSS after boot, the highest RSS sampled under load, and the kernel's
 * high-water mark (VmHWM).
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
import { createSecretKey, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import type { PlatformReady } from './platform-process.js';
import { apiNodeFlags } from './api-node-flags.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/**
 * Both servers get this much load on each route before the first round, unrecorded: the
 * platform's first seconds under load are spent compiling its much larger code (its first round
 * used to run at 686-810 µs of CPU per request, the next at 480-580).
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
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
  /** CPU time (user + system) the server's process spent per answered request, in µs. */
  cpuUsPerRequest: number;
}

/** A process's memory in MB from /proc: VmRSS (now) or VmHWM (the highest RSS it ever had). */
function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * CPU time a process has used (user + system), in ms, from /proc: on a shared machine requests/s
 * follow whoever else holds the cores, CPU time per request much less so.
 */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

/** autocannon as a child process; the RSS and CPU time of the server's process (`pid`) are sampled meanwhile. */
function load(url: string, headers: Record<string, string>, pid: number, seconds = SECONDS): Promise<Load> {
  const args = [autocannonBin, '-j', '-c', String(CONNECTIONS), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  let peak = procMb(pid, 'VmRSS');
  const cpuBefore = cpuMs(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, procMb(pid, 'VmRSS'))), 100);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      clearInterval(sampler);
      if (err) return reject(err);
      const cpu = cpuMs(pid) - cpuBefore;
      const r = JSON.parse(stdout) as {
        requests: { average: number; total: number };
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
        cpuUsPerRequest: (cpu * 1000) / Math.max(1, r.requests.total),
      });
    });
  });
}

/**
 * What the platform does for `GET /consents/me`, with nothing else: verify the token (a KeyObject
 * key), then one transaction as the runtime role with the tenant set: the session check, the
 * consent state, the ledger.
 */
function bareServer(
  appUrl: string,
  secret: string,
  tenantId: string,
  poolSize: number,
  sameAnswer: { status: number; headers: string[]; body: string },
): http.Server {
  const pool = new pg.Pool({ connectionString: appUrl, max: poolSize });
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/health/live') return send(200, { status: 'ok' });
    if (req.url === SAME_ANSWER_PATH) {
      res.writeHead(sameAnswer.status, [...sameAnswer.headers, 'x-request-id', randomUUID()]);
      return res.end(sameAnswer.body);
    }
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

/**
 * The bare server's second liveness answer: byte for byte the platform's (its status, body and
 * every header, helmet's set included, and a new request id per answer), so the report shows what
 * the answer itself costs apart from what the platform's process costs.
 */
const SAME_ANSWER_PATH = '/health/live-same-answer';
const PER_ANSWER = new Set(['date', 'x-request-id', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

async function platformAnswer(url: string): Promise<{ status: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          const headers: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if (!PER_ANSWER.has(res.rawHeaders[i].toLowerCase())) headers.push(res.rawHeaders[i], res.rawHeaders[i + 1]);
          headers.push('content-length', String(Buffer.byteLength(body)));
          resolve({ status: res.statusCode ?? 0, headers, body });
        });
      })
      .on('error', reject);
  });
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
  // The flags `npm start` gives the api, unless BENCH_PLATFORM_NODE_OPTIONS names others (set it empty for none).
  const nodeFlags =
    process.env.BENCH_PLATFORM_NODE_OPTIONS !== undefined
      ? process.env.BENCH_PLATFORM_NODE_OPTIONS.split(' ').filter(Boolean)
      : apiNodeFlags(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  log(`booting the API in its own process (node ${nodeFlags.join(' ') || 'without flags'}) on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL'}`);
  // The request log lines go to /dev/null, as a pipe to a collector would take them, not to this terminal.
  const child: ChildProcess = fork(join(dirname(fileURLToPath(import.meta.url)), 'platform-process.js'), [], {
    env,
    execArgv: nodeFlags,
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

    // Twice: the first GET of the platform's liveness goes through Nest, the second is its kept answer.
    await platformAnswer(`${platformUrl}/health/live`);
    const sameAnswer = await platformAnswer(`${platformUrl}/health/live`);
    bare = bareServer(ready.appUrl, ready.jwtSecret, ready.tenantId, ready.poolSize, sameAnswer);
    const barePort = await freePort();
    await new Promise<void>((r) => bare!.listen(barePort, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${barePort}`;
    for (const [name, base] of [['platform', platformUrl], ['bare', bareUrl]] as const) {
      const check = await fetch(`${base}/consents/me`, { headers });
      if (check.status !== 200) throw new Error(`${name} answered ${check.status}: ${await check.text()}`);
    }
    const idleRss = procMb(pid, 'VmRSS');

    if (WARMUP_SECONDS > 0) {
      log(`warming both servers up: ${WARMUP_SECONDS} s on each route, not recorded`);
      for (const path of ['/consents/me', '/health/live'])
        for (const base of process.env.BENCH_PLATFORM_ONLY ? [platformUrl] : [platformUrl, bareUrl])
          await load(`${base}${path}`, path === '/health/live' ? {} : headers, pid, WARMUP_SECONDS);
    }

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
        const cpu = (r: Load) => `${r.cpuUsPerRequest.toFixed(0)} µs CPU/request`;
        log(`round ${round + 1} ${path}: platform ${p.rps.toFixed(0)} req/s (p50 ${p.p50} ms, p99 ${p.p99} ms, non-2xx ${p.non2xx}, RSS ${p.peakRssMb} MB, ${cpu(p)}), bare ${b.rps.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms, ${cpu(b)}) -> ${(p.rps / b.rps).toFixed(2)}`);
        if (label !== 'health') continue;
        const same = await load(`${bareUrl}${SAME_ANSWER_PATH}`, sent, process.pid);
        record('bare-same health', same);
        log(`round ${round + 1} ${path}: bare with the platform's answer ${same.rps.toFixed(0)} req/s (p50 ${same.p50} ms, p99 ${same.p99} ms, non-2xx ${same.non2xx}, ${cpu(same)}) -> platform ${(p.rps / same.rps).toFixed(2)} of it`);
      }
    }
    const avg = (k: string) => (results[k] ?? []).reduce((s, r) => s + r.rps, 0) / (results[k]?.length ?? NaN);
    const peak = (k: string) => Math.max(...(results[k] ?? []).map((r) => r.peakRssMb));
    const cpuAvg = (k: string) =>
      results[k] ? (results[k].reduce((s, r) => s + r.cpuUsPerRequest, 0) / results[k].length).toFixed(0) : '-';
    console.log(`\n| route | platform req/s | bare req/s | ratio | bare, the platform's answer: req/s, ratio | CPU µs/request platform / bare / bare same answer | target |`);
    console.log(`|---|---|---|---|---|---|---|`);
    for (const label of ['consents', 'health']) {
      const same = label === 'health' ? `${avg('bare-same health').toFixed(0)}, ${(avg(`platform ${label}`) / avg('bare-same health')).toFixed(2)}` : '-';
      console.log(`| ${label === 'consents' ? 'GET /consents/me (jobseeker)' : 'GET /health/live'} | ${avg(`platform ${label}`).toFixed(0)} | ${avg(`bare ${label}`).toFixed(0)} | ${(avg(`platform ${label}`) / avg(`bare ${label}`)).toFixed(2)} | ${same} | ${cpuAvg(`platform ${label}`)} / ${cpuAvg(`bare ${label}`)} / ${label === 'health' ? cpuAvg('bare-same health') : '-'} | >= 0.80 |`);
    }
    console.log(
      `\nplatform process (pid ${pid}): RSS after boot and one request of each kind ${idleRss} MB; highest sampled under load ${Math.max(peak('platform consents'), peak('platform health'))} MB (/consents/me ${peak('platform consents')}, /health/live ${peak('platform health')}); VmHWM ${procMb(pid, 'VmHWM')} MB (target < 250 MB)`,
    );
    if (!process.env.BENCH_PLATFORM_ONLY)
      console.log(`bench process (bare server + bench): highest sampled under load ${Math.max(peak('bare consents'), peak('bare health'))} MB; VmHWM ${procMb(process.pid, 'VmHWM')} MB`);
    console.log(`autocannon -c ${CONNECTIONS} -d ${SECONDS}, ${ROUNDS} alternating rounds after ${WARMUP_SECONDS} s of warm-up per route and server; ${os.cpus().length} x ${os.cpus()[0]?.model}; node ${process.version}; the api's node flags: ${nodeFlags.join(' ') || 'none'}`);
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
