import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { PreparedDatabase } from '../../libs/database/src/index.js';

const MAIN = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));
const REGISTER_TS = fileURLToPath(new URL('./process/register-ts.mjs', import.meta.url));

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * The real api entry point (apps/api/src/main.ts, its signal handling included) as a separate
 * process, run from the sources like the worker of the kill test, on the test run's database and
 * runtime role. Resolves once it listens.
 */
export async function spawnApi(opts: { prepared: PreparedDatabase; env?: Record<string, string>; timeoutMs?: number }): Promise<ApiProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', REGISTER_TS, MAIN], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: opts.prepared.ownerUrl,
      DATABASE_APP_URL: opts.prepared.appUrl,
      RUN_MIGRATIONS: 'false',
      SEED_DEMO: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const timeoutMs = opts.timeoutMs ?? 120_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`api did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (!output.includes('api listening')) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve();
    };
    child.stdout!.on('data', check);
    void exited.then((end) => {
      clearTimeout(timer);
      reject(new Error(`api exited (${end}) before it listened:\n${output}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Ends an api process that is still running (SIGKILL) and waits for it. */
export async function killApi(api: ApiProcess | undefined): Promise<void> {
  if (!api || api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill('SIGKILL');
  await api.exited;
}
