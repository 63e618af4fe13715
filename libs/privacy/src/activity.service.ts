import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { PersonKind } from '../../plugin-api/src/index.js';

export type ActivityKind = 'sign-in' | 'link-click' | 'interaction';

export interface ActivityEvent {
  readonly personId: string;
  readonly personKind: PersonKind;
  readonly kind: ActivityKind;
  readonly at: Date;
}

/** Runs in the same unit of work as the recorded activity (the retention engine resets its clock here). */
export type ActivityListener = (tx: TenantTx, event: ActivityEvent) => Promise<void>;

/**
 * The moments retention schedules count from: last interaction, last sign-in, last click on a
 * reminder link. Every capability reports activity here; the retention engine reads it.
 */
@Injectable()
export class ActivityService {
  private readonly listeners: ActivityListener[] = [];

  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  onTouch(listener: ActivityListener): void {
    this.listeners.push(listener);
  }

  /**
   * Records the activity and tells the listeners in the same unit of work. Every write to a row
   * stamps its transaction id (recorded_xid; the column's default on insert): readers that follow
   * activity incrementally, such as the retention engine's adoption, find the row by it.
   */
  async touch(personId: string, personKind: PersonKind, kind: ActivityKind, tx?: TenantTx): Promise<void> {
    const at = this.clock.now();
    const write = async (t: TenantTx) => {
      await t.query(
        `INSERT INTO person_activity (tenant_id, person_id, person_kind, last_interaction_at, last_sign_in_at, last_link_click_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5 = 'sign-in' THEN $4::timestamptz END, CASE WHEN $5 = 'link-click' THEN $4::timestamptz END)
         ON CONFLICT (tenant_id, person_id) DO UPDATE SET
           last_interaction_at = GREATEST(person_activity.last_interaction_at, EXCLUDED.last_interaction_at),
           last_sign_in_at = COALESCE(EXCLUDED.last_sign_in_at, person_activity.last_sign_in_at),
           last_link_click_at = COALESCE(EXCLUDED.last_link_click_at, person_activity.last_link_click_at),
           recorded_xid = pg_current_xact_id()`,
        [t.tenantId, personId, personKind, at, kind],
      );
      for (const listener of this.listeners) await listener(t, { personId, personKind, kind, at });
    };
    await (tx ? write(tx) : this.db.transaction(write));
  }

  /**
   * People of a kind who have signed in, with their last sign-in, in id order after `after`: the
   * pages a sweep acting on sign-in behaviour walks through.
   */
  async signedInPeople(tx: TenantTx, personKind: PersonKind, after: string | null, limit: number): Promise<{ personId: string; lastSignInAt: Date }[]> {
    const rows = await tx.query<{ person_id: string; last_sign_in_at: Date }>(
      `SELECT person_id, last_sign_in_at FROM person_activity
        WHERE tenant_id = $1 AND person_kind = $2 AND last_sign_in_at IS NOT NULL AND ($3::uuid IS NULL OR person_id > $3::uuid)
        ORDER BY person_id LIMIT $4`,
      [tx.tenantId, personKind, after, limit],
    );
    return rows.map((r) => ({ personId: r.person_id, lastSignInAt: new Date(r.last_sign_in_at) }));
  }
}
