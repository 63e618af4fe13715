/**
 * The `VALUES (...), (...)` of a many-row insert, every value a parameter. On Citus an
 * `INSERT ... SELECT FROM unnest(...)` or `jsonb_array_elements(...)` is planned on the coordinator
 * and copied into the shards, which PostgreSQL refuses under row-level security; a multi-row
 * `VALUES` with the tenant id in every row is routed to the tenant's shard, still in one statement.
 * `shared` values (the tenant id, the time) become $1..$n once; `row` lays out one tuple from the
 * shared placeholders and the row's own.
 */
export function multiRowValues(
  shared: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  row: (shared: readonly string[], own: readonly string[]) => string,
): { values: string; params: unknown[] } {
  const params: unknown[] = [...shared];
  const sharedRefs = shared.map((_, i) => `$${i + 1}`);
  const tuples = rows.map((values) => {
    const own = values.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    return `(${row(sharedRefs, own)})`;
  });
  return { values: tuples.join(', '), params };
}

/** PostgreSQL takes at most 65535 parameters per statement: inserts larger than this go in parts. */
export function inParts<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
