/** The NOLOGIN group role the runtime login role belongs to. Migrations grant to it by name. */
export const APP_GROUP_ROLE = 'recruit_app';

/**
 * The NOLOGIN role that owns every SECURITY DEFINER function and alone writes the tenant catalog.
 * Nobody logs in as it and no login role is a member: its rights are reachable only through the
 * reviewed functions it owns. Not a superuser, so row-level security still applies inside them.
 */
export const DEFINER_ROLE = 'recruit_definer';

/**
 * SQL that creates DEFINER_ROLE when it is missing. Roles are shared by every database of the
 * server, so another database's migration may create it at the same moment: that is fine.
 */
export const CREATE_DEFINER_ROLE = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${DEFINER_ROLE}') THEN
      CREATE ROLE ${DEFINER_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;

/**
 * SQL that hands a SECURITY DEFINER function to DEFINER_ROLE, callable by nobody but the runtime
 * role (functions are executable by PUBLIC by default). `signature` as in `app.fn(uuid, text)`.
 */
export function definerFunction(signature: string): string[] {
  return [
    `ALTER FUNCTION ${signature} OWNER TO ${DEFINER_ROLE}`,
    `REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_GROUP_ROLE}`,
  ];
}

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
