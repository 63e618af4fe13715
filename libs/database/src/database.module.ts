import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { TenantDb } from './tenant-db.service.js';
import type { PreparedDatabase } from './database-bootstrap.js';

export const PREPARED_DATABASE = Symbol('PREPARED_DATABASE');

/** Stops the embedded server (if any) after Nest has closed the pool. */
@Injectable()
class EmbeddedServerStopper implements OnApplicationShutdown {
  constructor(@Inject(PREPARED_DATABASE) private readonly db: PreparedDatabase) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.stop();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  /** The runtime pool, connected as the confined app role; the schema was migrated before boot. */
  static forRoot(opts: {
    prepared: PreparedDatabase;
    entities: MixedList<Function>;
    poolSize: number;
    stopOnShutdown?: boolean;
  }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: opts.prepared.appUrl,
          entities: opts.entities,
          synchronize: false,
          migrationsRun: false,
          installExtensions: false,
          extra: { max: opts.poolSize, application_name: 'recruit-platform' },
          logging: false,
        }),
      ],
      providers: [
        TenantDb,
        { provide: PREPARED_DATABASE, useValue: opts.prepared },
        ...(opts.stopOnShutdown ? [EmbeddedServerStopper] : []),
      ],
      exports: [TenantDb, PREPARED_DATABASE],
    };
  }
}
