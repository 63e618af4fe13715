import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Period } from '../../plugin-api/src/index.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';
import { addPeriod } from './period.js';

/** Profile states in which a profile is listed in the candidate bank (shared profiles schema). */
const LISTED = ['active', 'anonymous'];

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
         SELECT p.tenant_id, p.id, p.activated_at FROM profiles p
          WHERE p.tenant_id = $1 AND p.state = ANY($5::text[]) AND p.activated_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM retention_state rs
                             WHERE rs.tenant_id = p.tenant_id AND rs.person_id = p.id AND rs.schedule_key = $2
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
      [tx.tenantId, scheduleKey, now, limit, LISTED],
    );
    return rows[0].n;
  }

  /** When the person's profile was last activated, if it is listed now. */
  async activatedAt(tx: TenantTx, personId: string): Promise<Date | null> {
    const [row] = await tx.query<{ activated_at: Date | null }>(
      `SELECT activated_at FROM profiles WHERE tenant_id = $1 AND id = $2 AND state = ANY($3::text[])`,
      [tx.tenantId, personId, LISTED],
    );
    return row?.activated_at ? new Date(row.activated_at) : null;
  }

  /** Of these people, those whose profile is still listed (a schedule about a listing ends with it). */
  async listed(tx: TenantTx, personIds: readonly string[]): Promise<Set<string>> {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM profiles WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND state = ANY($3::text[])`,
      [tx.tenantId, personIds, LISTED],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The person confirmed: the listing period starts again from now. */
  async renew(tx: TenantTx, personId: string, now: Date, listedFor: Period | undefined): Promise<void> {
    await tx.query(
      `UPDATE profiles SET activated_at = $3, listed_until = $4, updated_at = $3
        WHERE tenant_id = $1 AND id = $2 AND state = ANY($5::text[])`,
      [tx.tenantId, personId, now, listedFor ? addPeriod(now, listedFor) : null, LISTED],
    );
    await this.search.index(tx, personId);
  }
}
