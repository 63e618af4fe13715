import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { TENANT_DEFINITIONS, TenantRegistry } from './tenant-registry.js';
import { TenantsService } from './tenants.service.js';
import { PluginTenants } from './plugin-tenants.service.js';
import { TenantSettingsService } from './tenant-settings.service.js';
import { PlatformTenantsController } from './platform-tenants.controller.js';
import { TenantSettingsController } from './tenant-settings.controller.js';

@Global()
@Module({})
export class TenancyModule {
  static forRoot(definitions: readonly TenantDefinition[]): DynamicModule {
    return {
      module: TenancyModule,
      controllers: [PlatformTenantsController, TenantSettingsController],
      providers: [
        { provide: TENANT_DEFINITIONS, useValue: definitions },
        TenantRegistry,
        TenantsService,
        TenantSettingsService,
        PluginTenants,
      ],
      exports: [TenantRegistry, TenantsService, TenantSettingsService, PluginTenants],
    };
  }
}
