export { DatabaseModule, PREPARED_DATABASE } from './database.module.js';
export { TenantDb } from './tenant-db.service.js';
export { TenantTx, TenantRepository, TenantFilterMissingError } from './tenant-tx.js';
export type { TenantOwned, TenantWhere, TenantInsert } from './tenant-tx.js';
export { prepareDatabase, runMigrations, assertRuntimeRoleIsConfined } from './database-bootstrap.js';
export type { PreparedDatabase, MigrationClass } from './database-bootstrap.js';
export { startEmbeddedPostgres } from './embedded-postgres.js';
export { tenantTableSecurity, APP_GROUP_ROLE } from './rls.js';
export { PlatformCore1732200000000 } from './migrations/1732200000000-platform-core.js';
