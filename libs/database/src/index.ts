export { DatabaseModule, PREPARED_DATABASE } from './database.module.js';
export { TenantDb } from './tenant-db.service.js';
export { TenantTx, TenantRepository, TenantFilterMissingError } from './tenant-tx.js';
export type { TenantOwned, TenantWhere, TenantInsert } from './tenant-tx.js';
export { prepareDatabase, runMigrations, assertRuntimeRoleIsConfined } from './database-bootstrap.js';
export type { PreparedDatabase, MigrationClass } from './database-bootstrap.js';
export { startEmbeddedPostgres } from './embedded-postgres.js';
export { tenantTableSecurity, definerFunction, APP_GROUP_ROLE, DEFINER_ROLE } from './rls.js';
export { DefinerRole1732205000000 } from './migrations/1732205000000-definer-role.js';
export { PlatformCore1732200000000 } from './migrations/1732200000000-platform-core.js';
export { multiRowValues, inParts } from './multi-row-values.js';
export { distributionPlan, distributeOnCitus, readSchema, CATALOG_TABLES } from './citus-distribution.js';
export type { DistributionPlan, SchemaTable, SchemaForeignKey } from './citus-distribution.js';
// Used by other libraries (added when deep imports were routed through this index).
export { ForeignKeysWithoutSetNullColumns1732209870000 } from './migrations/1732209870000-foreign-keys-without-set-null-columns.js';
