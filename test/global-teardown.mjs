import pg from 'pg';
import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const db = globalThis.__TEST_DB__;
  if (db && !globalThis.__EMBEDDED_PG__ && !process.env.KEEP_TEST_DB) {
    const admin = new pg.Client({ connectionString: db.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db.database} WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.__EMBEDDED_PG__?.stop();
  if (globalThis.__TEMPLATE_CACHE_DIR__) rmSync(globalThis.__TEMPLATE_CACHE_DIR__, { recursive: true, force: true });
}
