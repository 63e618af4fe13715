import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from '../../config/src/index.js';
import { ConfigModule, type Clock } from '../../config/src/index.js';
import { DatabaseModule, type PreparedDatabase } from '../../database/src/index.js';
import { TenancyModule } from '../../tenancy/src/index.js';
import { AuthModule } from '../../auth/src/index.js';
import { AccountRecoveryModule } from '../../account-recovery/src/index.js';
import { AuditModule } from '../../audit/src/index.js';
import { HealthModule } from '../../health/src/index.js';
import { PrivacyModule } from '../../privacy/src/index.js';
import { ConnectionsModule } from '../../connections/src/index.js';
import { VacanciesModule } from '../../vacancies/src/index.js';
import { AlertsModule } from '../../alerts/src/index.js';
import { MailModule } from '../../mail/src/index.js';
import { ProfilesModule } from '../../profiles/src/index.js';
import { SearchModule } from '../../search/src/index.js';
import { ConsentModule } from '../../consent/src/index.js';
import { RetentionModule } from '../../retention/src/index.js';
import { ActivityModule } from '../../activity/src/index.js';
import { StorageModule } from '../../storage/src/index.js';
import { PortalModule } from '../../portal/src/index.js';
import { RightsModule } from '../../rights/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { CORE_ENTITIES } from './capabilities.js';
import { CAPABILITY_DEFINITION_CHECKS } from './definition-checks.js';
import { DemoSeeder } from './demo-seeder.service.js';

export interface PlatformOptions {
  readonly config: AppConfig;
  readonly prepared: PreparedDatabase;
  readonly tenants: readonly TenantDefinition[];
  readonly clock?: Clock;
  /**
   * `worker` also runs the schedulers (@Cron methods of every capability); in the api they stay
   * inert, so several api processes never run the same sweep.
   */
  readonly role?: 'api' | 'worker';
  /** This app started the database (embedded server) and stops it on close; default true. */
  readonly ownsDatabase?: boolean;
}

/** Which kind of process this is; capabilities may inject it. */
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');

/** Capability modules shared by the api and the worker. */
const CAPABILITIES = [AuditModule, PrivacyModule, AuthModule, AccountRecoveryModule, HealthModule, ConnectionsModule, VacanciesModule, AlertsModule, MailModule, StorageModule, ProfilesModule, SearchModule, ConsentModule, RetentionModule, RightsModule, ActivityModule, PortalModule];

/** The whole platform: the core's capabilities plus each registered tenant's own module. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const tenantModules = options.tenants.flatMap((t) => (t.module ? [t.module as DynamicModule] : []));
    const tenantEntities = options.tenants.flatMap((t) => t.entities ?? []);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config, options.clock),
        DatabaseModule.forRoot({
          prepared: options.prepared,
          entities: [...CORE_ENTITIES, ...tenantEntities],
          poolSize: options.config.DATABASE_POOL_SIZE,
          stopOnShutdown: options.ownsDatabase ?? true,
        }),
        TenancyModule.forRoot(options.tenants, CAPABILITY_DEFINITION_CHECKS),
        ...(options.role === 'worker' ? [ScheduleModule.forRoot()] : []),
        ...CAPABILITIES,
        ...tenantModules,
      ],
      providers: [DemoSeeder, { provide: PROCESS_ROLE, useValue: options.role ?? 'api' }],
      exports: [DemoSeeder, PROCESS_ROLE],
    };
  }
}
