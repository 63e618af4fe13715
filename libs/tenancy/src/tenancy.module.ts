import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DefinitionCheck, TenantDefinition } from '../../plugin-api/src/index.js';
import { TENANT_DEFINITION_CHECKS, TENANT_DEFINITIONS, TenantRegistry } from './tenant-registry.js';
import { TenantsService } from './tenants.service.js';
import { PluginTenants } from './plugin-tenants.service.js';
import { TenantSettingsService } from './tenant-settings.service.js';
import { PlatformTenantsController } from './platform-tenants.controller.js';
import { TenantSettingsController } from './tenant-settings.controller.js';

@Global()
@Module({})
export class TenancyModule {
  /** `checks`: each capability's check of its part of a definition (the platform composes them). */
  static forRoot(definitions: readonly TenantDefinition[], checks: readonly DefinitionCheck[] = []): DynamicModule {
    return {
      module: TenancyModule,
      controllers: [PlatformTenantsController, TenantSettingsController],
      providers: [
        { provide: TENANT_DEFINITIONS, useValue: definitions },
        { provide: TENANT_DEFINITION_CHECKS, useValue: checks },
        TenantRegistry,
        TenantsService,
        TenantSettingsService,
        PluginTenants,
      ],
      exports: [TenantRegistry, TenantsService, TenantSettingsService, PluginTenants],
    };
  }
}
