import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './api-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' } as const;
const READY = { api: 'api listening', worker: 'worker started' } as const;

export interface DistProcess {
  readonly kind: keyof typeof ENTRIES;
  readonly child: ChildProcess;
  /** The api's address; empty for a worker. */
  readonly url: string;
  output(): string;
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The built platform (`dist/`), as production runs it: `npm run build` when a source changed since
 * the last build (the same check `npm start` makes), so the processes run what the sources say.
 */
export function ensureBuilt(): void {
  const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (built.status !== 0 || !existsSync(`${ROOT}${ENTRIES.api}`))
    throw new Error(`build failed (${built.status}):\n${built.stdout}\n${built.stderr}`);
}

/** One api or worker process from `dist/`, resolved once it listens (api) or runs its schedulers (worker). */
export async function spawnDist(kind: keyof typeof ENTRIES, env: Record<string, string>, timeoutMs = 120_000): Promise<DistProcess> {
  const port = kind === 'api' ? await freePort() : 0;
  let output = '';
  const child = spawn(process.execPath, [ENTRIES[kind]], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', RUN_MIGRATIONS: 'false', SEED_DEMO: 'false', ...(port ? { PORT: String(port), HOST: '127.0.0.1' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (!output.includes(READY[kind])) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve();
    };
    child.stdout!.on('data', check);
    void exited.then((end) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited (${end}) before it started:\n${output}`));
    });
  });
  return { kind, child, url: port ? `http://127.0.0.1:${port}` : '', output: () => output, exited };
}

/** Stops a process (SIGTERM, SIGKILL if it hangs) and waits for it to be gone. */
export async function stopDist(p: DistProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await p.exited;
  clearTimeout(timer);
}
