import pg from 'pg';
import { APP_GROUP_ROLE } from '../../libs/database/src/index.js';

export interface ScratchDatabase {
  /** The scratch database's connection string, for `runMigrations`. */
  readonly url: string;
  /** A client connected to it as the server's user, open between beforeAll and afterAll. */
  readonly db: pg.Client;
}

/**
 * A database of its own for a migration test, made in `beforeAll` and dropped in `afterAll`: a
 * migration walks every tenant of the database it runs on, and the test sets the database up as an
 * earlier release left it, which other test files' data must not disturb. The group role the
 * migrations grant to is cluster-wide, so it is made once if missing.
 */
export function scratchDatabase(prefix: string): ScratchDatabase {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let client: pg.Client | undefined;

  const asServer = async (work: (admin: pg.Client) => Promise<unknown>) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await work(admin);
    } finally {
      await admin.end();
    }
  };

  beforeAll(async () => {
    await asServer(async (admin) => {
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.query(`DO $$ BEGIN CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
                         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    });
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await asServer((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  return {
    url: url.toString(),
    get db() {
      if (!client) throw new Error('the scratch database is open only between beforeAll and afterAll');
      return client;
    },
  };
}
