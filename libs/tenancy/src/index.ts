export { TenancyModule } from './tenancy.module.js';
export { TenantRegistry, TENANT_DEFINITIONS, PLATFORM_TENANT_KEY } from './tenant-registry.js';
export { TenantsService } from './tenants.service.js';
export { TenantSettingsService } from './tenant-settings.service.js';
export type { SettingValue } from './tenant-settings.service.js';
export { installTenantContext, TENANT_HEADER } from './tenant-context.hook.js';
export { TenantEntity, TenantDomainEntity } from './tenant.entity.js';
export { Tenancy1732200001000 } from './migrations/1732200001000-tenancy.js';
export { CatalogWrites1732205000100 } from './migrations/1732205000100-catalog-writes.js';
// Used by other libraries (added when deep imports were routed through this index).
export { PluginTenants } from './plugin-tenants.service.js';
export { TenancyForeignKeyIndexes1732310000000 } from './migrations/1732310000000-foreign-key-indexes.js';
