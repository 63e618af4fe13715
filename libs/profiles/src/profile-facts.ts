import type { TenantTx } from '../../database/src/index.js';

/*
 * What a tenant module reads of its own people's profiles for its own rules (a showcase card, a
 * shared application, a job feed, an offer to switch visibility off), so it never names the
 * profiles table. These are the stored values: the module's own access rule decides who receives
 * them, as its routes' tests prove; audiences of the core get their fields through the projection.
 */

/** The stored values of `keys` (all fields when left out) per person who has a profile; people without one are absent. */
export async function profileFieldValues(
  tx: TenantTx,
  personIds: readonly string[],
  keys?: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (!personIds.length) return new Map();
  const rows = await tx.query<{ id: string; fields: Record<string, unknown> | null }>(
    `SELECT p.id, p.fields FROM profiles p WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
    [tx.tenantId, [...personIds]],
  );
  return new Map(
    rows.map((r) => {
      const fields = r.fields ?? {};
      return [r.id, keys ? Object.fromEntries(keys.filter((k) => k in fields).map((k) => [k, fields[k]])) : fields];
    }),
  );
}

/** The person's own choice to be visible to employers, or null without a profile. */
export async function profileVisibility(tx: TenantTx, personId: string): Promise<{ readonly visibleToEmployers: boolean } | null> {
  const [row] = await tx.query<{ visible: boolean }>(
    `SELECT p.visible_to_employers AS visible FROM profiles p WHERE p.tenant_id = $1 AND p.id = $2`,
    [tx.tenantId, personId],
  );
  return row ? { visibleToEmployers: row.visible } : null;
}

/** When each person's profile was made, for a tenant's own schedules (a reminder counted from registration). */
export async function profileCreatedAt(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, Date>> {
  if (!personIds.length) return new Map();
  const rows = await tx.query<{ id: string; created_at: Date }>(
    `SELECT p.id, p.created_at FROM profiles p WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
    [tx.tenantId, [...personIds]],
  );
  return new Map(rows.map((r) => [r.id, new Date(r.created_at)]));
}

/** Each person's profile state (draft, active, inactive, anonymous); people without a profile are absent. */
export async function profileStates(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, string>> {
  if (!personIds.length) return new Map();
  const rows = await tx.query<{ id: string; state: string }>(
    `SELECT p.id, p.state FROM profiles p WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
    [tx.tenantId, [...personIds]],
  );
  return new Map(rows.map((r) => [r.id, r.state]));
}
