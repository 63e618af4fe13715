/**
 * What a hostile JSON body costs the api in CPU (run by hand: `npm run bench:body-limits`, never
 * part of `npm test`, where a CPU bound failed on a busy machine without anything being wrong).
 *
 * The api (bench/request-path/platform-process.ts) and a bare node:http server that only reads and
 * JSON.parses the body (bare-body-server.ts) each run in their own process; each body is posted to
 * `/profiles/register` of both, one request at a time, and the CPU each process spent is read from
 * /proc (user + system), so the client's own work is not counted. Prints CPU ms per request, the
 * ratio to bare, and the load average.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformReady } from '../request-path/platform-process.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const here = dirname(fileURLToPath(import.meta.url));
/** Linux reports process CPU in clock ticks, 100 per second on every kernel we run on. */
const TICK_MS = 10;

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, utime 14 and stime 15 (man proc), so indexes 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

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

async function firstMessage<T>(child: ChildProcess): Promise<T> {
  const [msg] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`a child process exited with ${code}`))),
  ])) as [T];
  return msg;
}

const wide = (items: number) => JSON.stringify({ email: 'a@b.example', fields: { a: Array.from({ length: items }, () => [1]) } });
const BODIES: ReadonlyArray<readonly [string, string]> = [
  ['a registration of normal size (refused by validation)', JSON.stringify({ email: 'someone@bench.example', password: 'x', displayName: 'Someone' })],
  ['the largest body every limit lets through (10,000 values)', wide(4_998)],
  ['60,000 values under the size limit', wide(60_000)],
  ['1 MB (over the size limit)', wide(250_000)],
];

/**
 * One POST with node:http: a server that refuses a body by its size answers and closes before the
 * body is written, so the write fails (EPIPE) after the answer arrived; that is the answer.
 */
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => resolve(status));
    });
    req.on('error', (err) => (status ? resolve(status) : reject(err)));
    req.end(body);
  });
}

async function measure(url: string, headers: Record<string, string>, body: string, pid: number): Promise<{ ms: number; status: number }> {
  let status = 0;
  // One unmeasured request first, so lazy compilation is not counted.
  await post(url, headers, body);
  const before = cpuMs(pid);
  for (let i = 0; i < REQUESTS; i++) status = await post(url, headers, body);
  return { ms: (cpuMs(pid) - before) / REQUESTS, status };
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  const dir = mkdtempSync(join(os.tmpdir(), 'body-limits-bench-'));
  chmodSync(dir, 0o755);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    API_DOCS_UI: 'false',
    // The bench posts each body 41 times from one address; the sign-up limit must not answer for it.
    RATE_LIMIT_REGISTRATION_PER_CLIENT: '100000',
    RATE_LIMIT_REGISTRATION_PER_ADDRESS: '100000',
    EMBEDDED_PG_DIR: join(dir, 'pg'),
    EMBEDDED_PG_PORT: String(await freePort()),
    STORAGE_DIR: join(dir, 'files'),
    MAIL_DEV_OUTBOX_DIR: join(dir, 'mail'),
  };
  const platform = fork(join(here, '../request-path/platform-process.js'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const bare = fork(join(here, 'bare-body-server.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const { ready } = await firstMessage<{ ready: PlatformReady }>(platform);
    const { port: barePort } = await firstMessage<{ port: number }>(bare);
    const headers = { 'x-tenant': ready.tenantKey, 'content-type': 'application/json' };
    console.log(`\n| body | bytes | platform status | platform CPU ms/request | bare CPU ms/request | ratio |`);
    console.log(`|---|---:|---|---:|---:|---:|`);
    for (const [label, body] of BODIES) {
      const p = await measure(`http://127.0.0.1:${ready.port}/profiles/register`, headers, body, platform.pid!);
      const b = await measure(`http://127.0.0.1:${barePort}/profiles/register`, headers, body, bare.pid!);
      console.log(`| ${label} | ${body.length} | ${p.status} | ${p.ms.toFixed(2)} | ${b.ms.toFixed(2)} | ${(p.ms / Math.max(b.ms, TICK_MS / REQUESTS)).toFixed(1)} |`);
    }
    console.log(`\n${REQUESTS} requests per body and side, one at a time; CPU from /proc in ${TICK_MS} ms ticks; ${os.cpus().length} x ${os.cpus()[0]?.model}; node ${process.version}`);
    console.log(`load average at start ${loadBefore}, at end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    for (const child of [platform, bare]) {
      if (child.exitCode !== null) continue;
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
