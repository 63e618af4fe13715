import type pg from 'pg';

/**
 * The step that distributes the schema on Citus (docs/scaling.md, "The distribution step"). It runs
 * after every migration run, under the migration lock, and does nothing unless the `citus`
 * extension is installed; on Citus it distributes only what is not distributed yet, so a tenant's
 * migration that sorts after the core's, or next release's new table, is covered on the next boot.
 */

/** The tenant catalog: read by host name before a tenant is known, so a copy on every node. */
export const CATALOG_TABLES: readonly string[] = ['tenants', 'tenant_domains'];
/** Kept on the coordinator: the migration bookkeeping is never joined with tenant data. */
const LOCAL_TABLES: readonly string[] = ['schema_migrations'];

export interface SchemaTable {
  readonly name: string;
  readonly hasTenantId: boolean;
}

export interface SchemaForeignKey {
  readonly table: string;
  readonly name: string;
  readonly references: string;
  /** As pg_get_constraintdef gives it, to add the key again. */
  readonly definition: string;
}

export interface DistributionPlan {
  /** Created with create_reference_table, before anything else. */
  readonly reference: readonly string[];
  /** Distributed by tenant_id in this order: every table after the tables it references. */
  readonly distributed: readonly string[];
  /** The table every distributed table is co-located with (the first one). */
  readonly colocateWith: string | null;
  /**
   * Keys from a tenant table to a reference table, dropped before the reference tables are made
   * and added again after the tenant tables are distributed: a reference table made while plain
   * tables refer to it turns them into Citus-local tables, which then no longer distribute.
   */
  readonly detached: readonly SchemaForeignKey[];
}

/**
 * Which tables become reference tables, which are distributed and in which order, from the
 * catalog alone. Pure, so a test on plain PostgreSQL can check the order.
 */
export function distributionPlan(tables: readonly SchemaTable[], keys: readonly SchemaForeignKey[]): DistributionPlan {
  const names = new Set(tables.map((t) => t.name));
  const reference = tables
    .filter((t) => !LOCAL_TABLES.includes(t.name) && (CATALOG_TABLES.includes(t.name) || !t.hasTenantId))
    .map((t) => t.name)
    .sort();
  const isReference = new Set(reference);
  const tenantTables = tables
    .filter((t) => names.has(t.name) && !LOCAL_TABLES.includes(t.name) && !isReference.has(t.name))
    .map((t) => t.name)
    .sort();
  const parents = new Map<string, Set<string>>(tenantTables.map((t) => [t, new Set<string>()]));
  for (const k of keys) if (parents.has(k.table) && parents.has(k.references) && k.table !== k.references) parents.get(k.table)!.add(k.references);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string, path: string[]) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, t].join(' -> ')}`);
    state.set(t, 'visiting');
    for (const p of [...parents.get(t)!].sort()) visit(p, [...path, t]);
    state.set(t, 'done');
    ordered.push(t);
  };
  // accounts first when present: nearly every table refers to it, and co-locating with it reads well.
  for (const t of [...tenantTables].sort((a, b) => Number(b === 'accounts') - Number(a === 'accounts'))) visit(t, []);
  const detached = keys.filter((k) => parents.has(k.table) && isReference.has(k.references));
  return { reference, distributed: ordered, colocateWith: ordered[0] ?? null, detached };
}

/** The public schema's tables and foreign keys, as the plan needs them. */
export async function readSchema(c: pg.ClientBase): Promise<{ tables: SchemaTable[]; keys: SchemaForeignKey[] }> {
  const tables = (
    await c.query<{ name: string; has_tenant_id: boolean }>(
      `SELECT c.relname AS name,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant_id
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    )
  ).rows.map((r) => ({ name: r.name, hasTenantId: r.has_tenant_id }));
  const keys = (
    await c.query<{ tbl: string; name: string; ref: string; def: string }>(
      `SELECT t.relname AS tbl, k.conname AS name, r.relname AS ref, pg_get_constraintdef(k.oid) AS def
         FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
        WHERE k.contype = 'f' AND t.relnamespace = 'public'::regnamespace`,
    )
  ).rows.map((r) => ({ table: r.tbl, name: r.name, references: r.ref, definition: r.def }));
  return { tables, keys };
}

/**
 * Applies the plan on Citus; returns what it did (empty on plain PostgreSQL). One transaction:
 * either the whole schema is distributed or nothing changes.
 */
export async function distributeOnCitus(c: pg.ClientBase, log: (line: string) => void = () => {}): Promise<string[]> {
  const citus = await c.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  if (!citus.rowCount) return [];
  const done: string[] = [];
  await c.query('BEGIN');
  try {
    // Triggers on audit_log (append-only) and mail_messages (keep little) look only at their own
    // row or refuse the statement: the row-local case this setting exists for.
    await c.query(`SET LOCAL citus.enable_unsafe_triggers = on`);
    // Tables with keys to reference tables need their shards created one connection at a time.
    await c.query(`SET LOCAL citus.multi_shard_modify_mode = 'sequential'`);
    const already = new Map(
      (await c.query<{ t: string; m: string }>(`SELECT logicalrelid::regclass::text AS t, partmethod AS m FROM pg_dist_partition`)).rows.map((r) => [
        r.t,
        r.m,
      ]),
    );
    const { tables, keys } = await readSchema(c);
    const plan = distributionPlan(tables, keys);
    const toReference = plan.reference.filter((t) => !already.has(t));
    const toDistribute = plan.distributed.filter((t) => !already.has(t));
    const detach = plan.detached.filter((k) => toDistribute.includes(k.table));
    for (const k of detach) await c.query(`ALTER TABLE ${c.escapeIdentifier(k.table)} DROP CONSTRAINT ${c.escapeIdentifier(k.name)}`);
    for (const t of toReference) {
      await c.query(`SELECT create_reference_table($1)`, [t]);
      done.push(`reference ${t}`);
    }
    for (const t of toDistribute) {
      const first = t === plan.colocateWith && !already.has(t);
      await c.query(`SELECT create_distributed_table($1, 'tenant_id', colocate_with => $2)`, [t, first ? 'default' : plan.colocateWith]);
      done.push(`distributed ${t}`);
    }
    for (const k of detach)
      await c.query(`ALTER TABLE ${c.escapeIdentifier(k.table)} ADD CONSTRAINT ${c.escapeIdentifier(k.name)} ${k.definition}`);
    // SET LOCAL app.tenant_id must reach the workers, or every policy there denies (fails closed).
    const [{ d }] = (await c.query<{ d: string }>(`SELECT current_database() AS d`)).rows;
    await c.query(`ALTER DATABASE ${c.escapeIdentifier(d)} SET citus.propagate_set_commands = 'local'`);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
  for (const line of done) log(line);
  return done;
}
