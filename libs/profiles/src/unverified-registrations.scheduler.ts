import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { RequestContext, SYSTEM } from '../../context/src/index.js';
import { TenantsService } from '../../tenancy/src/index.js';
import { UnverifiedRegistrations } from './unverified-registrations.js';

/** Erases expired unconfirmed registrations, tenant by tenant. Inert in the api process. */
@Injectable()
export class UnverifiedRegistrationsScheduler {
  private readonly logger = new Logger('unverified-registrations');
  private running = false;

  constructor(
    private readonly tenants: TenantsService,
    private readonly registrations: UnverifiedRegistrations,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'unverified-registrations.expire' })
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const tenant of await this.tenants.list()) {
        if (tenant.status !== 'active') continue;
        const ref = { id: tenant.id, key: tenant.key, plugin: tenant.plugin };
        try {
          const count = await RequestContext.run({ tenant: ref, actor: SYSTEM }, () => this.registrations.expire());
          if (count) this.logger.log({ tenant: tenant.key, count }, 'unconfirmed registrations erased');
        } catch (err) {
          this.logger.error({ tenant: tenant.key, err }, 'expiring unconfirmed registrations failed');
        }
      }
    } finally {
      this.running = false;
    }
  }
}
