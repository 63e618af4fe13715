// Gives the whole test run one fresh, empty database on a real PostgreSQL server: the server named
// by DATABASE_URL when set, otherwise an embedded one started here. Test files isolate from each
// other by tenant (each creates its own), never by mocking the database.
import pg from 'pg';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startPostgresServer } from '../libs/database/src/postgres-server.mjs';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'recruit-test-pg-'));
    // As root, PostgreSQL runs as the 'postgres' system user; the server finds a folder it can reach
    // when this one (or the binaries) cannot be (a clone in root's home, mode 0700).
    chmodSync(dir, 0o755);
    const server = await startPostgresServer({ dataDir: join(dir, 'data'), port, password: 'test-owner', persistent: false });
    for (const note of server.notes) console.log(`\n[tests] ${note}`);
    globalThis.__EMBEDDED_PG__ = {
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    serverUrl = server.url('postgres');
    console.log(`\n[tests] embedded PostgreSQL on port ${port}`);
  } else {
    console.log(`\n[tests] PostgreSQL from DATABASE_URL (${new URL(serverUrl).host})`);
  }
  const database = `recruit_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  globalThis.__TEST_DB__ = { serverUrl, database };
  process.env.DATABASE_URL = url.toString();
  process.env.NODE_ENV = 'test';
  process.env.SEED_DEMO = 'false';
  // Jest on Node 20 cannot load the ES-module dependency of the UI's static file server.
  process.env.API_DOCS_UI = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  // One template cache per run: the first file to boot compiles the mail templates, the rest reuse them.
  const cacheDir = mkdtempSync(join(tmpdir(), 'recruit-test-mail-templates-'));
  globalThis.__TEMPLATE_CACHE_DIR__ = cacheDir;
  process.env.MAIL_TEMPLATE_CACHE_DIR = cacheDir;
  // The erasure journal of this run, removed with it.
  process.env.ERASURE_JOURNAL_DIR = join(cacheDir, 'erasure-journal');
  process.env.DATABASE_POOL_SIZE = process.env.DATABASE_POOL_SIZE ?? '4';
}
