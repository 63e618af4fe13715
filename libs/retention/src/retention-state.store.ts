import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { FinalAction, PersonKind } from '../../plugin-api/src/index.js';

export interface RetentionStateRow {
  personId: string;
  scheduleKey: string;
  personKind: PersonKind;
  anchorAt: Date;
  nextStep: number;
  remindersSent: number;
  remindersSkipped: number;
  lastReminderAt: Date | null;
  deadlineAt: Date | null;
  nextDueAt: Date | null;
  status: 'active' | 'done';
  finalAction: FinalAction | null;
  finalAt: Date | null;
  planFingerprint: string | null;
}

/** The new standing of one row after the sweep acted on it. */
export interface StateUpdate {
  personId: string;
  scheduleKey: string;
  /** Set only when the run restarted from a new anchor (stored values keep their own precision). */
  restartedAt?: Date | null;
  nextStep: number;
  remindersSent: number;
  remindersSkipped: number;
  lastReminderAt: Date | null;
  deadlineAt: Date | null;
  nextDueAt: Date | null;
  status: 'active' | 'done';
  finalAction: FinalAction | null;
  finalAt: Date | null;
  planFingerprint: string | null;
}

const COLUMNS = `person_id AS "personId", schedule_key AS "scheduleKey", person_kind AS "personKind", anchor_at AS "anchorAt",
  next_step AS "nextStep", reminders_sent AS "remindersSent", reminders_skipped AS "remindersSkipped",
  last_reminder_at AS "lastReminderAt", deadline_at AS "deadlineAt", next_due_at AS "nextDueAt", status,
  final_action AS "finalAction", final_at AS "finalAt", plan_fingerprint AS "planFingerprint"`;

/** SQL for retention_state: one row per person and schedule. */
@Injectable()
export class RetentionStateStore {
  forPerson(tx: TenantTx, personId: string, opts: { lock?: boolean } = {}): Promise<RetentionStateRow[]> {
    return tx.query<RetentionStateRow>(
      `SELECT ${COLUMNS} FROM retention_state WHERE tenant_id = $1 AND person_id = $2 ORDER BY schedule_key${opts.lock ? ' FOR UPDATE' : ''}`,
      [tx.tenantId, personId],
    );
  }

  /**
   * The person's rows, locked, except those a sweep holds right now (`busy`): a request never
   * waits for a sweep batch, and never deadlocks with one that locks the same person's rows in
   * the other order. The sweep itself notices the interaction it raced with (lastInteractions).
   */
  async forPersonUnlessBusy(tx: TenantTx, personId: string): Promise<{ rows: RetentionStateRow[]; busy: Set<string> }> {
    const rows = await tx.query<RetentionStateRow>(
      `SELECT ${COLUMNS} FROM retention_state WHERE tenant_id = $1 AND person_id = $2 ORDER BY schedule_key FOR UPDATE SKIP LOCKED`,
      [tx.tenantId, personId],
    );
    const all = await tx.query<{ schedule_key: string }>(
      `SELECT schedule_key FROM retention_state WHERE tenant_id = $1 AND person_id = $2`,
      [tx.tenantId, personId],
    );
    const mine = new Set(rows.map((r) => r.scheduleKey));
    return { rows, busy: new Set(all.map((r) => r.schedule_key).filter((k) => !mine.has(k))) };
  }

  /**
   * Of these rows, those whose person interacted after the row's anchor (compared in SQL, on the
   * stored values), with when: an interaction that raced with a sweep batch and could not reset
   * the clock itself.
   */
  async interactedSince(tx: TenantTx, rows: readonly { personId: string; scheduleKey: string }[]): Promise<Map<string, Date>> {
    if (!rows.length) return new Map();
    const found = await tx.query<{ person_id: string; schedule_key: string; at: Date }>(
      `SELECT rs.person_id, rs.schedule_key, pa.last_interaction_at AS at
         FROM unnest($2::uuid[], $3::text[]) AS r(person_id, schedule_key)
         JOIN retention_state rs ON rs.tenant_id = $1 AND rs.person_id = r.person_id AND rs.schedule_key = r.schedule_key
         JOIN person_activity pa ON pa.tenant_id = $1 AND pa.person_id = r.person_id
        WHERE pa.last_interaction_at > rs.anchor_at`,
      [tx.tenantId, rows.map((r) => r.personId), rows.map((r) => r.scheduleKey)],
    );
    return new Map(found.map((r) => [`${r.person_id}:${r.schedule_key}`, new Date(r.at)]));
  }

  /**
   * Claims due rows for this transaction. SKIP LOCKED lets several workers sweep at once, each on
   * different people; a row another worker has just finished is re-checked and no longer due.
   */
  claimDue(tx: TenantTx, now: Date, limit: number): Promise<RetentionStateRow[]> {
    return tx.query<RetentionStateRow>(
      `SELECT ${COLUMNS} FROM retention_state
        WHERE tenant_id = $1 AND status = 'active' AND next_due_at IS NOT NULL AND next_due_at <= $2
        ORDER BY next_due_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [tx.tenantId, now, limit],
    );
  }

  /** Starts (or restarts) a person's run of a schedule from a new anchor: no reminder outstanding. */
  async restart(
    tx: TenantTx,
    row: { personId: string; scheduleKey: string; personKind: PersonKind; anchorAt: Date; nextDueAt: Date; fingerprint: string },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_due_at, plan_fingerprint, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, person_id, schedule_key) DO UPDATE SET
         person_kind = EXCLUDED.person_kind, anchor_at = EXCLUDED.anchor_at, next_step = 0, deadline_at = NULL,
         next_due_at = EXCLUDED.next_due_at, status = 'active', final_action = NULL, final_at = NULL,
         plan_fingerprint = EXCLUDED.plan_fingerprint, updated_at = EXCLUDED.updated_at`,
      [tx.tenantId, row.personId, row.scheduleKey, row.personKind, row.anchorAt, row.nextDueAt, row.fingerprint, now],
    );
  }

  /** Writes a batch of outcomes in one statement. */
  async saveMany(tx: TenantTx, updates: readonly StateUpdate[], now: Date): Promise<void> {
    if (!updates.length) return;
    const col = <K extends keyof StateUpdate>(k: K) => updates.map((u) => u[k]);
    await tx.query(
      `UPDATE retention_state rs SET
         anchor_at = COALESCE(u.anchor_at, rs.anchor_at), next_step = u.next_step, reminders_sent = u.reminders_sent, reminders_skipped = u.reminders_skipped,
         last_reminder_at = u.last_reminder_at, deadline_at = u.deadline_at, next_due_at = u.next_due_at,
         status = u.status, final_action = u.final_action, final_at = u.final_at,
         plan_fingerprint = u.plan_fingerprint, updated_at = $14
       FROM unnest($2::uuid[], $3::text[], $4::int[], $5::int[], $6::int[], $7::timestamptz[], $8::timestamptz[],
                   $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[], $13::text[], $15::timestamptz[])
         AS u(person_id, schedule_key, next_step, reminders_sent, reminders_skipped, last_reminder_at, deadline_at,
              next_due_at, status, final_action, final_at, plan_fingerprint, anchor_at)
       WHERE rs.tenant_id = $1 AND rs.person_id = u.person_id AND rs.schedule_key = u.schedule_key`,
      [
        tx.tenantId,
        col('personId'),
        col('scheduleKey'),
        col('nextStep'),
        col('remindersSent'),
        col('remindersSkipped'),
        col('lastReminderAt'),
        col('deadlineAt'),
        col('nextDueAt'),
        col('status'),
        col('finalAction'),
        col('finalAt'),
        col('planFingerprint'),
        now,
        updates.map((u) => u.restartedAt ?? null),
      ],
    );
  }

  /**
   * Brings rows planned under an older version of a schedule (a setting changed, the tenant's
   * definition changed) forward so the sweep re-plans them; runs only when the plan changed.
   */
  async replanIfChanged(tx: TenantTx, scheduleKey: string, fingerprint: string, now: Date): Promise<number> {
    const [plan] = await tx.query<{ fingerprint: string }>(
      `SELECT fingerprint FROM retention_plans WHERE tenant_id = $1 AND schedule_key = $2`,
      [tx.tenantId, scheduleKey],
    );
    if (plan?.fingerprint === fingerprint) return 0;
    const rows = await tx.query<{ n: number }>(
      `WITH moved AS (
         UPDATE retention_state SET next_due_at = $4
          WHERE tenant_id = $1 AND schedule_key = $2 AND status = 'active' AND plan_fingerprint IS DISTINCT FROM $3
          RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [tx.tenantId, scheduleKey, fingerprint, now],
    );
    // A changed plan also asks for a full reconciliation (reconciled_at and adopted_through NULL) in
    // the same sweep: people of a kind or anchor the old plan did not cover have no row yet.
    await tx.query(
      `INSERT INTO retention_plans (tenant_id, schedule_key, fingerprint, applied_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, schedule_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, applied_at = EXCLUDED.applied_at,
         reconciled_at = NULL, adopted_through = NULL`,
      [tx.tenantId, scheduleKey, fingerprint, now],
    );
    return rows[0].n;
  }

  /**
   * Whether this sweep should look for profiles the listing schedule does not track yet (and, if
   * so, marks it done): when the plan is new or changed, and otherwise once a day. Clocks start in
   * the unit of work that records the activation, so this is a safety net, not the way people are
   * found. (Activity schedules follow person_activity incrementally instead: adoptFromActivity.)
   */
  async claimReconciliation(tx: TenantTx, scheduleKey: string, now: Date): Promise<boolean> {
    const [row] = await tx.query<{ n: number }>(
      `WITH claimed AS (
         UPDATE retention_plans SET reconciled_at = $3
          WHERE tenant_id = $1 AND schedule_key = $2 AND (reconciled_at IS NULL OR reconciled_at <= $3::timestamptz - interval '1 day')
          RETURNING 1)
       SELECT count(*)::int AS n FROM claimed`,
      [tx.tenantId, scheduleKey, now],
    );
    return row.n > 0;
  }

  /**
   * People whose activity is recorded but who have no row in this schedule yet: activity from
   * before the schedule existed or changed, or written by a process that does not run the
   * retention listener. They start due now, so the sweep plans them in the same run.
   *
   * Incremental: the plan keeps a watermark (adopted_through), and a reconciliation reads only the
   * activity rows written since, through person_activity_recorded. A new or changed plan, or one
   * whose watermark lies ahead of this server's transactions (a restore into another cluster),
   * has none and gets one full anti-join. The watermark advances only when the pass found fewer
   * than `limit` people, in the same transaction as the rows it adopted: a pass cut short by the
   * limit, or a crash, leaves it where it was and the next sweep reads the same rows again.
   */
  async adoptFromActivity(tx: TenantTx, scheduleKey: string, personKind: PersonKind, now: Date, limit: number): Promise<number> {
    // The horizon is the oldest transaction still running now: every row written by an older one
    // has committed (or aborted) and is visible to the scan below, which starts later. A row from a
    // transaction at or past the horizon may commit after the scan, so the next pass starts at the
    // horizon, not at the newest row seen; a timestamp or a sequence would skip such a late commit.
    const [plan] = await tx.query<{ horizon: string; through: string | null }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
              CASE WHEN p.adopted_through <= pg_snapshot_xmin(pg_current_snapshot()) THEN p.adopted_through::text END AS through
         FROM retention_plans p WHERE p.tenant_id = $1 AND p.schedule_key = $2`,
      [tx.tenantId, scheduleKey],
    );
    const since = plan?.through ?? null;
    const rows = await tx.query<{ n: number }>(
      `WITH adopted AS (
         INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_due_at, updated_at)
         SELECT pa.tenant_id, pa.person_id, $2, pa.person_kind, pa.last_interaction_at, $4, $4
           FROM person_activity pa
          WHERE pa.tenant_id = $1 AND pa.person_kind = $3${since === null ? '' : ' AND pa.recorded_xid >= $6::xid8'}
            AND NOT EXISTS (SELECT 1 FROM retention_state rs
                             WHERE rs.tenant_id = $1 AND rs.person_id = pa.person_id AND rs.schedule_key = $2)
          LIMIT $5
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM adopted`,
      since === null ? [tx.tenantId, scheduleKey, personKind, now, limit] : [tx.tenantId, scheduleKey, personKind, now, limit, since],
    );
    const adopted = rows[0].n;
    if (plan && adopted < limit)
      await tx.query(
        `UPDATE retention_plans SET adopted_through = $3::xid8, reconciled_at = $4 WHERE tenant_id = $1 AND schedule_key = $2`,
        [tx.tenantId, scheduleKey, plan.horizon, now],
      );
    return adopted;
  }

  async postpone(tx: TenantTx, personId: string, scheduleKey: string, until: Date): Promise<void> {
    await tx.query(`UPDATE retention_state SET next_due_at = $4 WHERE tenant_id = $1 AND person_id = $2 AND schedule_key = $3`, [
      tx.tenantId,
      personId,
      scheduleKey,
      until,
    ]);
  }

  async deleteForPeople(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM retention_state WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
  }
}
