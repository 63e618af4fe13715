import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Period } from '../../plugin-api/src/index.js';
import { SearchIndexService } from '../../search/src/index.js';
import { addPeriod } from './period.js';
import { listedActivationsSql, inListedState, listingActivatedAt, renewListing } from '../../profiles/src/index.js';

/**
 * The candidate-bank listing as the 'activation' anchor of jobseeker schedules: the profile's
 * activation starts the clock, answering a reminder starts the listing period again. Reads and
 * writes only the activation columns of the shared profiles schema.
 */
@Injectable()
export class ProfileListing {
  constructor(private readonly search: SearchIndexService) {}

  /**
   * Profiles activated since their schedule row was last anchored (or never anchored): a new
   * activation restarts the schedule. They start due now, so the sweep plans them at once.
   */
  async adopt(tx: TenantTx, scheduleKey: string, now: Date, limit: number): Promise<number> {
    const rows = await tx.query<{ n: number }>(
      `WITH fresh AS (
         SELECT p.tenant_id, p.id, p.activated_at FROM ${listedActivationsSql('$1')} p
          WHERE NOT EXISTS (SELECT 1 FROM retention_state rs
                             WHERE rs.tenant_id = $1 AND rs.person_id = p.id AND rs.schedule_key = $2
                               AND rs.anchor_at >= p.activated_at)
          LIMIT $4),
       adopted AS (
         INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_due_at, updated_at)
         SELECT tenant_id, id, $2, 'jobseeker', activated_at, $3, $3 FROM fresh
         ON CONFLICT (tenant_id, person_id, schedule_key) DO UPDATE SET
           anchor_at = EXCLUDED.anchor_at, next_step = 0, deadline_at = NULL, next_due_at = EXCLUDED.next_due_at,
           status = 'active', final_action = NULL, final_at = NULL, updated_at = EXCLUDED.updated_at
         RETURNING 1)
       SELECT count(*)::int AS n FROM adopted`,
      [tx.tenantId, scheduleKey, now, limit],
    );
    return rows[0].n;
  }

  /** When the person's profile was last activated, if it is listed now. */
  activatedAt(tx: TenantTx, personId: string): Promise<Date | null> {
    return listingActivatedAt(tx, personId);
  }

  /** Of these people, those whose profile is still listed (a schedule about a listing ends with it). */
  listed(tx: TenantTx, personIds: readonly string[]): Promise<Set<string>> {
    return inListedState(tx, personIds);
  }

  /** The person confirmed: the listing period starts again from now. */
  async renew(tx: TenantTx, personId: string, now: Date, listedFor: Period | undefined): Promise<void> {
    await renewListing(tx, personId, now, listedFor ? addPeriod(now, listedFor) : null);
    await this.search.index(tx, personId);
  }
}
