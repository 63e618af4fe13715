import pg from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import type { AppConfig } from '../../config/src/index.js';
import { distributeOnCitus } from './citus-distribution.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { APP_GROUP_ROLE, CREATE_DEFINER_ROLE, DEFINER_ROLE } from './rls.js';

export type MigrationClass = new () => unknown;

export interface PreparedDatabase {
  /** Connection string of the owner role: migrations only. */
  readonly ownerUrl: string;
  /** Connection string of the runtime role: neither superuser, nor owner, nor BYPASSRLS. */
  readonly appUrl: string;
  stop(): Promise<void>;
}

const MIGRATION_LOCK = 7_310_001;

/**
 * Everything that must happen before the app's pool opens: the server (embedded when DATABASE_URL
 * is unset), the runtime role, and the migrations, serialised across processes by an advisory lock.
 */
export async function prepareDatabase(
  config: AppConfig,
  migrations: MigrationClass[],
  log: (line: string) => void = () => {},
): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let ownerUrl = config.DATABASE_URL;
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres({
      dir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
    });
    ownerUrl = embedded.url;
    for (const note of embedded.notes) log(note);
    log(`embedded PostgreSQL listening on 127.0.0.1:${config.EMBEDDED_PG_PORT}`);
  }
  try {
    const appUrl = config.DATABASE_APP_URL ?? (await ensureRuntimeRole(ownerUrl, config));
    if (config.RUN_MIGRATIONS) await runMigrations(ownerUrl, migrations, log);
    await assertRuntimeRoleIsConfined(appUrl);
    // Once only: the api and the worker of one process may both be asked to stop it.
    let stopping: Promise<void> | null = null;
    return {
      ownerUrl,
      appUrl,
      stop: () => (stopping ??= embedded ? embedded.stop() : Promise.resolve()),
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Roles are cluster-wide, so two processes may race to create them: a duplicate is fine. */
async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42710' && code !== '23505' && code !== 'XX000') throw err;
  }
}

/**
 * Roles live in the catalog shared by every database of the server, so processes booting at once
 * (test workers, several api processes) can collide on them: serialise within the database with the
 * migration lock, and retry the rare "tuple concurrently updated" from another database.
 */
async function ensureRuntimeRole(ownerUrl: string, config: AppConfig): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(ownerUrl, async (c) => {
        await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await ensureRoles(c, config);
        } finally {
          await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      });
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== 'XX000' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(config.DATABASE_APP_USER);
  url.password = encodeURIComponent(config.DATABASE_APP_PASSWORD);
  return url.toString();
}

async function ensureRoles(c: pg.Client, config: AppConfig): Promise<void> {
  const login = config.DATABASE_APP_USER;
  const roles = await c.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)',
    [[APP_GROUP_ROLE, login]],
  );
  const have = new Set(roles.rows.map((r) => r.rolname));
  if (!have.has(APP_GROUP_ROLE))
    await ignoreDuplicate(
      c.query(`CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT`),
    );
  const password = c.escapeLiteral(config.DATABASE_APP_PASSWORD);
  const ident = c.escapeIdentifier(login);
  if (!have.has(login))
    await ignoreDuplicate(
      c.query(
        `CREATE ROLE ${ident} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${password}`,
      ),
    );
  else await c.query(`ALTER ROLE ${ident} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${password}`);
  await ignoreDuplicate(c.query(`GRANT ${APP_GROUP_ROLE} TO ${ident}`));
  // Created here too, under the retry above: the migration that creates it may race another database's.
  await c.query(CREATE_DEFINER_ROLE);
  const db = (await c.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d;
  await c.query(`GRANT CONNECT ON DATABASE ${c.escapeIdentifier(db)} TO ${APP_GROUP_ROLE}`);
}

export async function runMigrations(
  ownerUrl: string,
  migrations: MigrationClass[],
  log: (line: string) => void = () => {},
): Promise<void> {
  await withClient(ownerUrl, async (lock) => {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = new DataSource({
      type: 'postgres',
      url: ownerUrl,
      migrations: migrations as MixedList<string | (new () => never)>,
      migrationsTransactionMode: 'each',
      migrationsTableName: 'schema_migrations',
      installExtensions: false,
      logging: false,
    });
    try {
      await ds.initialize();
      const done = await ds.runMigrations({ transaction: 'each' });
      for (const m of done) log(`migrated ${m.name}`);
      // After every run, not as a migration: tables a later-sorting migration adds are covered too.
      await distributeOnCitus(lock, log);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

/**
 * Refuses to boot when the runtime role could bypass row-level security: a superuser, a
 * BYPASSRLS role or the owner of a table silently sees every tenant's rows.
 */
export async function assertRuntimeRoleIsConfined(appUrl: string): Promise<void> {
  await withClient(appUrl, async (c) => {
    const role = await c.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: string; definer: boolean; catalog: boolean }>(`
      SELECT r.rolsuper, r.rolbypassrls,
             (SELECT count(*) FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
               WHERE cl.relkind IN ('r','p') AND n.nspname IN ('public','app')
                 AND pg_has_role(current_user, cl.relowner, 'USAGE'))::text AS owned,
             EXISTS (SELECT 1 FROM pg_roles d WHERE d.rolname = $1 AND pg_has_role(current_user, d.oid, 'USAGE')) AS definer,
             EXISTS (SELECT 1 FROM unnest(ARRAY['tenants', 'tenant_domains']) t(name)
                      WHERE to_regclass('public.' || t.name) IS NOT NULL
                        AND has_table_privilege(current_user, 'public.' || t.name, 'INSERT, UPDATE, DELETE, TRUNCATE')) AS catalog
        FROM pg_roles r WHERE r.rolname = current_user`, [DEFINER_ROLE]);
    const row = role.rows[0];
    if (!row || row.rolsuper || row.rolbypassrls || row.owned !== '0' || row.definer)
      throw new Error(
        'The runtime database role can bypass row-level security (superuser, BYPASSRLS, table owner or ' +
          `member of ${DEFINER_ROLE}); set DATABASE_APP_URL to a confined role`,
      );
    if (row.catalog)
      throw new Error(
        'The runtime database role may write the tenant catalog (tenants, tenant_domains); revoke INSERT, UPDATE, ' +
          'DELETE and TRUNCATE on both from it: tenants are created through app.create_tenant',
      );
  });
}
