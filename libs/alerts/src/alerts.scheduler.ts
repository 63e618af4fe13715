import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression, SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig, IntervalJob } from '../../config/src/index.js';
import { RequestContext, SYSTEM } from '../../context/src/index.js';
import { TenantRegistry, TenantsService } from '../../tenancy/src/index.js';
import { AlertDispatchService } from './alert-dispatch.service.js';
import { AlertExpiryService } from './alert-expiry.service.js';

const IMMEDIATE = 'alerts.immediate';

/**
 * The worker's alert jobs, tenant by tenant. Inert in the api process (no ScheduleModule there).
 * Each job skips a run while its previous one is still going; the work itself is safe to run
 * from several workers at once (alerts are locked and deliveries recorded).
 */
@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('alerts');
  private readonly running = new Set<string>();
  private readonly immediate: IntervalJob;

  constructor(
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly dispatch: AlertDispatchService,
    private readonly expiry: AlertExpiryService,
    private readonly config: AppConfig,
    @Optional() scheduler?: SchedulerRegistry,
  ) {
    this.immediate = new IntervalJob(IMMEDIATE, () => this.sendImmediate(), this.logger, scheduler);
  }

  /** Immediate alerts every `ALERTS_IMMEDIATE_INTERVAL_SECONDS`, in the worker only. */
  onApplicationBootstrap(): void {
    this.immediate.start(this.config.ALERTS_IMMEDIATE_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.immediate.stop();
  }

  sendImmediate(): Promise<void> {
    return this.eachTenant('immediate', () => this.dispatch.sendImmediate());
  }

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'alerts.digest' })
  sendDigests(): Promise<void> {
    return this.eachTenant('digest', () => this.dispatch.sendDigests());
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'alerts.expiry' })
  purgeUnconfirmed(): Promise<void> {
    return this.eachTenant('expiry', () => this.expiry.purgeUnconfirmed());
  }

  private async eachTenant(job: string, work: () => Promise<number>): Promise<void> {
    if (this.running.has(job)) return;
    this.running.add(job);
    try {
      for (const tenant of await this.tenants.list()) {
        if (tenant.status !== 'active' || !this.registry.has(tenant.plugin)) continue;
        const ref = { id: tenant.id, key: tenant.key, plugin: tenant.plugin };
        try {
          const count = await RequestContext.run({ tenant: ref, actor: SYSTEM }, work);
          if (count) this.logger.log({ tenant: tenant.key, job, count }, 'alert job done');
        } catch (err) {
          this.logger.error({ tenant: tenant.key, job, err }, 'alert job failed');
        }
      }
    } finally {
      this.running.delete(job);
    }
  }
}
