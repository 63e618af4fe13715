import type { Actor } from '../../context/src/index.js';
import type { TenantTx } from '../../database/src/index.js';

/** Tenant staff manage every vacancy of the tenant; the tenant admin too (it configures the site). */
export function managesAllVacancies(actor: Actor): boolean {
  return actor.roles.includes('staff') || actor.roles.includes('tenant-admin');
}

/**
 * The employer units an account belongs to now, read from the database rather than the token, so
 * someone who left an organisation loses its vacancies at once instead of when the token expires.
 */
export async function employerUnitsOf(tx: TenantTx, accountId: string | null): Promise<string[]> {
  if (!accountId) return [];
  const rows = await tx.query<{ id: string }>(
    `SELECT o.id FROM account_org_units m JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
      WHERE m.tenant_id = $1 AND m.account_id = $2 AND o.kind = 'employer'`,
    [tx.tenantId, accountId],
  );
  return rows.map((r) => r.id);
}

/** Units whose vacancies the actor manages; null means all of the tenant's. */
export async function manageableUnits(tx: TenantTx, actor: Actor): Promise<string[] | null> {
  if (managesAllVacancies(actor)) return null;
  if (!actor.roles.includes('employer')) return [];
  return employerUnitsOf(tx, actor.accountId);
}
