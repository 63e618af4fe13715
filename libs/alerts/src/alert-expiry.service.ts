import { Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ErasureService } from '../../privacy/src/index.js';
import { CONFIRM_WITHIN_DAYS } from './alert-subscriptions.service.js';

/**
 * Deletes alerts nobody confirmed within seven days, and with them a subscriber left without any
 * alert: an address someone typed in is not kept just because they (or someone else) did.
 */
@Injectable()
export class AlertExpiryService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly erasure: ErasureService,
  ) {}

  /** For the tenant in context; returns how many subscribers were deleted. */
  purgeUnconfirmed(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const expired = await tx.query<{ subscriber_id: string }>(
        `WITH expired AS (
           DELETE FROM vacancy_alerts
            WHERE tenant_id = $1 AND confirmed_at IS NULL AND created_at <= $2::timestamptz - make_interval(days => $3)
            RETURNING subscriber_id
         ) SELECT DISTINCT subscriber_id FROM expired`,
        [tx.tenantId, now, CONFIRM_WITHIN_DAYS],
      );
      const orphans = await tx.query<{ id: string }>(
        `SELECT s.id FROM alert_subscribers s
          WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM vacancy_alerts a WHERE a.tenant_id = $1 AND a.subscriber_id = s.id)`,
        [tx.tenantId, [...new Set(expired.map((e) => e.subscriber_id))]],
      );
      for (const o of orphans) await this.erasure.erase(o.id, 'alerts.unconfirmed-expired');
      return orphans.length;
    });
  }
}
