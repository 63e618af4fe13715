import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import type { PersonKind } from '../../plugin-api/src/index.js';

export type ActivityKind = 'sign-in' | 'link-click' | 'interaction';

/**
 * The moments retention schedules count from: last interaction, last sign-in, last click on a
 * reminder link. Every capability reports activity here; the retention engine reads it.
 */
@Injectable()
export class ActivityService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  async touch(personId: string, personKind: PersonKind, kind: ActivityKind, tx?: TenantTx): Promise<void> {
    const write = (t: TenantTx) =>
      t.query(
        `INSERT INTO person_activity (tenant_id, person_id, person_kind, last_interaction_at, last_sign_in_at, last_link_click_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5 = 'sign-in' THEN $4::timestamptz END, CASE WHEN $5 = 'link-click' THEN $4::timestamptz END)
         ON CONFLICT (tenant_id, person_id) DO UPDATE SET
           last_interaction_at = GREATEST(person_activity.last_interaction_at, EXCLUDED.last_interaction_at),
           last_sign_in_at = COALESCE(EXCLUDED.last_sign_in_at, person_activity.last_sign_in_at),
           last_link_click_at = COALESCE(EXCLUDED.last_link_click_at, person_activity.last_link_click_at)`,
        [t.tenantId, personId, personKind, this.clock.now(), kind],
      );
    await (tx ? write(tx) : this.db.transaction(write));
  }
}
