import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../config/src/index.js';
import { ConfigModule, type Clock } from '../../config/src/index.js';
import { DatabaseModule, type PreparedDatabase } from '../../database/src/index.js';
import { TenancyModule } from '../../tenancy/src/index.js';
import { AuthModule } from '../../auth/src/index.js';
import { AuditModule } from '../../audit/src/index.js';
import { HealthModule } from '../../health/src/health.module.js';
import { PrivacyModule } from '../../privacy/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { CORE_ENTITIES } from './capabilities.js';
import { DemoSeeder } from './demo-seeder.service.js';

export interface PlatformOptions {
  readonly config: AppConfig;
  readonly prepared: PreparedDatabase;
  readonly tenants: readonly TenantDefinition[];
  readonly clock?: Clock;
}

/** Capability modules shared by the api and the worker. */
const CAPABILITIES = [AuditModule, PrivacyModule, AuthModule, HealthModule];

/** The whole platform: the core's capabilities plus each registered tenant's own module. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const tenantModules = options.tenants.flatMap((t) => (t.module ? [t.module as DynamicModule] : []));
    const tenantEntities = options.tenants.flatMap((t) => t.entities ?? []);
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(options.config, options.clock),
        DatabaseModule.forRoot({
          prepared: options.prepared,
          entities: [...CORE_ENTITIES, ...tenantEntities],
          poolSize: options.config.DATABASE_POOL_SIZE,
          stopOnShutdown: true,
        }),
        TenancyModule.forRoot(options.tenants),
        ...CAPABILITIES,
        ...tenantModules,
      ],
      providers: [DemoSeeder],
      exports: [DemoSeeder],
    };
  }
}
