import { Injectable, Logger } from '@nestjs/common';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { RequestContext } from '../../context/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { PlatformEvents, PluginContext } from '../../plugin-api/src/index.js';
import { ErasureService } from './erasure.service.js';

/**
 * Hands platform events to the tenant's own handlers (its definition's `on`), with a narrow
 * context: a tenant may ask the platform to erase a person, not reach into its tables.
 */
@Injectable()
export class TenantEventsService {
  private readonly logger = new Logger('tenant-events');

  constructor(
    private readonly registry: TenantRegistry,
    private readonly erasure: ErasureService,
    private readonly clock: Clock,
  ) {}

  async emit<E extends keyof PlatformEvents>(event: E, payload: PlatformEvents[E]): Promise<void> {
    const tenant = RequestContext.tenant();
    const handler = this.registry.for(tenant).on?.[event];
    if (!handler) return;
    const ctx: PluginContext = {
      tenantId: tenant.id,
      now: this.clock.now(),
      erasePerson: (personId, reason) => this.erasure.erase(personId, reason),
      log: (message, details) => this.logger.log({ tenant: tenant.key, event, ...details }, message),
    };
    await (handler as (e: PlatformEvents[E], c: PluginContext) => Promise<void>)(payload, ctx);
  }
}
