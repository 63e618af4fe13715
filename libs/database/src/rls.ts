/** The NOLOGIN group role the runtime login role belongs to. Migrations grant to it by name. */
export const APP_GROUP_ROLE = 'recruit_app';

/**
 * SQL that makes a tenant-owned table safe: row-level security enabled and forced (so even the
 * owner is subject to it), one policy on the per-transaction tenant setting, DML granted to the app.
 * The setting is read through app.current_tenant_id(), which yields NULL without a tenant, so a
 * query outside a tenant unit of work sees nothing (fail closed).
 */
export function tenantTableSecurity(
  table: string,
  grants: readonly ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = app.current_tenant_id()) WITH CHECK (tenant_id = app.current_tenant_id())`,
    `GRANT ${grants.join(', ')} ON ${table} TO ${APP_GROUP_ROLE}`,
  ];
}
