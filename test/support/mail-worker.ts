import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PreparedDatabase } from '../../libs/database/src/index.js';

const SCRIPT = fileURLToPath(new URL('./process/mail-worker.process.ts', import.meta.url));
const REGISTER_TS = fileURLToPath(new URL('./process/register-ts.mjs', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Boots the loaded process; resolves once its schedulers run. */
  start(): Promise<void>;
  /** What the process wrote, for the failure message of a test. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * A real, separate worker process serving the test tenant definition `tenantKey` (see
 * process/mail-worker.process.ts) on the test run's database: the owner connection the migrations
 * already ran on and the same confined runtime role the test's own app uses. Resolves once its
 * modules are loaded (the slow part); `start()` then boots it.
 */
export async function spawnMailWorker(opts: {
  tenantKey: string;
  prepared: PreparedDatabase;
  env?: Record<string, string>;
  /** Its clock runs this far ahead of the system clock. */
  clockAheadMs?: number;
  timeoutMs?: number;
}): Promise<WorkerProcess> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let output = '';
  const child = spawn(process.execPath, ['--import', REGISTER_TS, SCRIPT], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: opts.prepared.ownerUrl,
      DATABASE_APP_URL: opts.prepared.appUrl,
      RUN_MIGRATIONS: 'false',
      TEST_WORKER_TENANT: opts.tenantKey,
      TEST_WORKER_CLOCK_AHEAD_MS: String(opts.clockAheadMs ?? 0),
      ...opts.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const printed = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`worker did not print "${line}" within ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const check = () => {
        if (!output.includes(line)) return;
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      check();
      void exited.then((end) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${end}) before it printed "${line}":\n${output}`));
      });
    });
  const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout!.prependListener('data', collect);
  child.stderr!.on('data', collect);
  await printed('worker loaded');
  return {
    child,
    exited,
    output: () => output,
    start: () => {
      child.stdin!.write('start\n');
      return printed('worker ready');
    },
  };
}

/** Ends a worker (SIGTERM, then SIGKILL if it hangs) and waits for it to be gone. */
export async function stopMailWorker(worker: WorkerProcess | undefined): Promise<void> {
  if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000);
  await worker.exited;
  clearTimeout(timer);
}
