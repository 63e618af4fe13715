import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TenantDb } from '../../database/src/index.js';
import { TenantsService, TenantRegistry } from '../../tenancy/src/index.js';
import { RestrictionLifts } from './restriction-lifts.js';

/**
 * Applies announced lifts of restrictions of processing once their day has come (by the injectable
 * clock), tenant by tenant: the person's notice period (art. 18(3)) has then run out.
 */
@Injectable()
export class RestrictionLiftSweep {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly lifts: RestrictionLifts,
  ) {}

  async sweep(opts: { tenantIds?: readonly string[] } = {}): Promise<{ lifted: number }> {
    let lifted = 0;
    for (const tenant of await this.tenants.list()) {
      if (tenant.status !== 'active' || !this.registry.has(tenant.plugin)) continue;
      if (opts.tenantIds && !opts.tenantIds.includes(tenant.id)) continue;
      lifted += await this.db.forTenant(tenant, async (tx) => (await this.lifts.applyDue(tx)).length);
    }
    return { lifted };
  }
}

/** Runs the sweep in the worker only (the api never loads the scheduler). */
@Injectable()
export class RestrictionLiftScheduler {
  private readonly logger = new Logger('rights');
  private running = false;

  constructor(private readonly sweeper: RestrictionLiftSweep) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'rights-restriction-lift-sweep' })
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { lifted } = await this.sweeper.sweep();
      if (lifted) this.logger.log({ lifted }, 'restrictions of processing lifted after their notice');
    } catch (err) {
      this.logger.error({ err }, 'restriction lift sweep failed');
    } finally {
      this.running = false;
    }
  }
}
