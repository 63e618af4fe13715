import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { FinalAction } from '../../plugin-api/src/index.js';
import { LegalHoldsService } from './legal-holds.service.js';
import { laterOf } from './period.js';
import { RetentionSchedules } from './retention-schedules.service.js';
import { RetentionStateStore, type RetentionStateRow } from './retention-state.store.js';
import { projectTimeline, type ResolvedSchedule, type TimelineEvent } from './schedule-plan.js';

export interface ScheduleForecast {
  schedule: string;
  personKind: string;
  promise: string;
  finalAction: FinalAction;
  reminders: number;
  inactivations: number;
  anonymisations: number;
  deletions: number;
  /** Final actions a legal hold keeps from running inside the period. */
  heldBack: number;
}

const PAGE = 5000;
const COUNTER: Record<FinalAction, 'inactivations' | 'anonymisations' | 'deletions'> = {
  inactivate: 'inactivations',
  anonymise: 'anonymisations',
  delete: 'deletions',
};

/**
 * What the schedules will do, assuming nobody answers and every sweep runs on time: per schedule
 * for the next N days, and per person as a timeline. Only the people whose next step falls inside
 * the period are walked, found through the due index.
 */
@Injectable()
export class RetentionForecastService {
  constructor(
    private readonly db: TenantDb,
    private readonly schedules: RetentionSchedules,
    private readonly store: RetentionStateStore,
    private readonly holds: LegalHoldsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async forecast(days: number) {
    const now = this.clock.now();
    const until = new Date(now.getTime() + days * 86_400_000);
    const schedules = await this.schedules.byKey();
    const counts = new Map<string, ScheduleForecast>();
    for (const s of schedules.values()) counts.set(s.key, this.emptyForecast(s));
    let after: { due: Date; personId: string; scheduleKey: string } | null = null;
    for (;;) {
      const page = await this.db.transaction((tx) => this.page(tx, until, after));
      if (!page.rows.length) break;
      for (const row of page.rows) {
        const s = schedules.get(row.scheduleKey);
        if (!s) continue;
        const c = counts.get(s.key)!;
        for (const e of this.walk(s, row, now, until, page.held.get(row.personId))) {
          if (e.kind === 'reminder') c.reminders++;
          else if (e.at.getTime() > until.getTime()) c.heldBack++;
          else c[COUNTER[e.kind]]++;
        }
      }
      const last = page.rows[page.rows.length - 1];
      after = { due: last.nextDueAt!, personId: last.personId, scheduleKey: last.scheduleKey };
      if (page.rows.length < PAGE) break;
    }
    return { from: now, until, days, schedules: [...counts.values()] };
  }

  /** One person's standing and what lies ahead in each schedule; with `history`, what was done. */
  async timeline(personId: string, opts: { history: boolean }) {
    const now = this.clock.now();
    const schedules = await this.schedules.byKey();
    const { states, holds } = await this.db.transaction(async (tx) => ({
      states: await this.store.forPerson(tx, personId),
      holds: await this.holds.activeUntil(tx, [personId], now),
    }));
    const def = this.schedules.definition();
    const heldUntil = holds.get(personId) ?? null;
    const out = {
      personId,
      heldUntil,
      schedules: states.map((row) => {
        const s = schedules.get(row.scheduleKey);
        return {
          schedule: row.scheduleKey,
          promise: def.retention.find((d) => d.key === row.scheduleKey)?.promise ?? null,
          anchor: s?.anchor ?? null,
          anchorAt: row.anchorAt,
          status: row.status,
          remindersSent: row.remindersSent,
          remindersSkipped: row.remindersSkipped,
          lastReminderAt: row.lastReminderAt,
          deadlineAt: row.deadlineAt,
          finalAction: row.finalAction,
          finalAt: row.finalAt,
          upcoming: s && row.status === 'active' ? this.walk(s, row, now, undefined, heldUntil ?? undefined) : [],
        };
      }),
      history: undefined as unknown,
    };
    if (opts.history)
      out.history = (await this.audit.forSubject(personId, { limit: 200 }))
        .filter((e) => e.action.startsWith('retention.') || e.action.startsWith('person.'))
        .map((e) => ({ at: e.at, action: e.action, actorKind: e.actorKind, details: e.details }));
    return out;
  }

  /** The projected events, with a destructive final action moved to the end of a legal hold. */
  private walk(s: ResolvedSchedule, row: RetentionStateRow, now: Date, until?: Date, heldUntil?: Date): TimelineEvent[] {
    const progress = { anchorAt: new Date(row.anchorAt), nextStep: row.nextStep, deadlineAt: row.deadlineAt };
    return projectTimeline(s, progress, now, until).map((e) =>
      e.kind === 'delete' || e.kind === 'anonymise' ? { ...e, at: laterOf(e.at, heldUntil) } : e,
    );
  }

  private async page(tx: TenantTx, until: Date, after: { due: Date; personId: string; scheduleKey: string } | null) {
    const rows = await tx.query<RetentionStateRow>(
      `SELECT person_id AS "personId", schedule_key AS "scheduleKey", person_kind AS "personKind", anchor_at AS "anchorAt",
              next_step AS "nextStep", reminders_sent AS "remindersSent", deadline_at AS "deadlineAt", next_due_at AS "nextDueAt",
              status
         FROM retention_state
        WHERE tenant_id = $1 AND status = 'active' AND next_due_at IS NOT NULL AND next_due_at <= $2
          AND ($3::timestamptz IS NULL OR (next_due_at, person_id, schedule_key) > ($3, $4::uuid, $5::text))
        ORDER BY next_due_at, person_id, schedule_key LIMIT ${PAGE}`,
      [tx.tenantId, until, after?.due ?? null, after?.personId ?? null, after?.scheduleKey ?? null],
    );
    const held = await this.holds.activeUntil(tx, [...new Set(rows.map((r) => r.personId))], this.clock.now());
    return { rows, held };
  }

  private emptyForecast(s: ResolvedSchedule): ScheduleForecast {
    const promise = this.schedules.definition().retention.find((d) => d.key === s.key)?.promise ?? '';
    return {
      schedule: s.key,
      personKind: s.personKind,
      promise,
      finalAction: s.finalAction,
      reminders: 0,
      inactivations: 0,
      anonymisations: 0,
      deletions: 0,
      heldBack: 0,
    };
  }
}
