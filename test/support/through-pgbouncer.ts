import { loadConfig } from '../../libs/config/src/index.js';
import { prepareDatabase, type PreparedDatabase } from '../../libs/database/src/index.js';
import { CORE_MIGRATIONS } from '../../libs/platform/src/capabilities.js';
import { assertValidRegistry, type TenantDefinition } from '../../libs/plugin-api/src/index.js';
import { pgbouncerBinary, startPgBouncer, type PgBouncer } from './pgbouncer.js';

/**
 * With TEST_THROUGH_PGBOUNCER=1, every app a test boots through TestApp reaches PostgreSQL through
 * PgBouncer in transaction pooling mode, with fewer server connections than the app's pool: the
 * suite itself then proves that nothing in the runtime depends on session state (issue 17).
 */
export function throughPgBouncer(): boolean {
  return process.env.TEST_THROUGH_PGBOUNCER === '1';
}

/** Server connections of the pooler: fewer than the clients a file opens, so connections are shared. */
const SERVER_CONNECTIONS = 3;

let bouncer: Promise<PgBouncer> | null = null;
let users = 0;

/** The database prepared as usual, its runtime connection replaced by one through the pooler. */
export async function pooledDatabase(env: NodeJS.ProcessEnv, tenants: readonly TenantDefinition[]): Promise<PreparedDatabase> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error('TEST_THROUGH_PGBOUNCER=1 needs the pgbouncer binary (Debian: apt-get install pgbouncer)');
  // The same order of checks as an ordinary boot, so a test of a bad boot sees the same refusal.
  const config = loadConfig(env);
  assertValidRegistry(tenants);
  const prepared = await prepareDatabase(config, [...CORE_MIGRATIONS, ...tenants.flatMap((t) => t.migrations ?? [])]);
  users++;
  bouncer ??= startPgBouncer(binary, prepared.appUrl, SERVER_CONNECTIONS);
  const { url } = await bouncer;
  return { ...prepared, appUrl: url, stop: async () => undefined };
}

/** Stops the pooler once the last app of this file that used it is closed. */
export async function releasePooledDatabase(): Promise<void> {
  if (--users > 0 || !bouncer) return;
  const stopping = bouncer;
  bouncer = null;
  await (await stopping).stop();
}
