import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './api-process.js';

/** The pgbouncer binary (Debian's package installs /usr/sbin/pgbouncer), or null when absent. */
export function pgbouncerBinary(): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(':')]) {
    try {
      accessSync(join(dir, 'pgbouncer'), constants.X_OK);
      return join(dir, 'pgbouncer');
    } catch {
      /* not here */
    }
  }
  return null;
}

export interface PgBouncer {
  /** Connection string through the pooler, as the role of the target URL. */
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * PgBouncer in transaction pooling mode on a free port in front of `target` (a connection string
 * with user and password), with `serverConnections` connections to PostgreSQL at most. Clients may
 * connect under any name (auth_type any): the pooler always logs in as the target's role. PgBouncer
 * refuses to run as root; as root it switches to the `postgres` system user.
 *
 * Jest's workers start poolers at the same time, and a port found free can be taken before this
 * pooler binds it. A probe of the port would then be answered by another file's pooler, and this
 * file's app would silently write into that file's database (a CI run once saw another file's
 * accounts appear in a row count). So the pooler counts as started only when its own log says it
 * listens; a taken port means another try on another port; and the database alias is unique, so
 * a client that still reached a foreign pooler would be refused rather than served.
 */
export async function startPgBouncer(binary: string, target: string, serverConnections: number): Promise<PgBouncer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(binary, target, serverConnections);
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt >= 5) throw e;
    }
  }
}

class PortTaken extends Error {}

async function startOnFreePort(binary: string, target: string, serverConnections: number): Promise<PgBouncer> {
  const t = new URL(target);
  const port = await freePort();
  const alias = `app_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'recruit-pgbouncer-'));
  chmodSync(dir, 0o755);
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const config = join(dir, 'pgbouncer.ini');
  writeFileSync(
    config,
    [
      '[databases]',
      `${alias} = host=${t.hostname} port=${t.port || 5432} dbname=${t.pathname.slice(1)} user=${quote(decodeURIComponent(t.username))} password=${quote(decodeURIComponent(t.password))} pool_size=${serverConnections}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      `default_pool_size = ${serverConnections}`,
      'max_client_conn = 500',
      'server_reset_query =',
      'ignore_startup_parameters = extra_float_digits,options',
      'logfile =',
      'pidfile =',
      '',
    ].join('\n'),
  );
  chmodSync(config, 0o644);
  const asRoot = process.getuid?.() === 0;
  let output = '';
  const child: ChildProcess = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, delay(5000).then(() => child.kill('SIGKILL'))]);
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const listening = `listening on 127.0.0.1:${port}`;
  for (let i = 0; !output.includes(listening); i++) {
    if (child.exitCode !== null || child.signalCode !== null || /nowhere to listen|Address already in use/.test(output)) {
      await stop();
      if (/Address already in use/.test(output)) throw new PortTaken(`port ${port} was taken`);
      throw new Error(`pgbouncer exited at start:\n${output}`);
    }
    if (i > 200) {
      await stop();
      throw new Error(`pgbouncer did not listen on ${port}:\n${output}`);
    }
    await delay(25);
  }
  return { url: `postgres://pooled@127.0.0.1:${port}/${alias}`, output: () => output, stop };
}
