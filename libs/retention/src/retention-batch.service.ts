import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ErasureService } from '../../privacy/src/index.js';
import type { FinalAction } from '../../plugin-api/src/index.js';
import { LegalHoldsService } from './legal-holds.service.js';
import { ProfileListing } from './profile-listing.js';
import { ReminderMailer, reminderKey, type Reminder } from './reminder-mailer.service.js';
import { RetentionSchedules } from './retention-schedules.service.js';
import { RetentionStateStore, type RetentionStateRow, type StateUpdate } from './retention-state.store.js';
import { plan, reminderAt, scheduledFinal, type ResolvedSchedule } from './schedule-plan.js';

export interface BatchOutcome {
  claimed: number;
  reminders: number;
  remindersSkipped: number;
  unreachable: number;
  inactivated: number;
  anonymised: number;
  deleted: number;
  held: number;
  ended: number;
}

export function emptyOutcome(): BatchOutcome {
  return { claimed: 0, reminders: 0, remindersSkipped: 0, unreachable: 0, inactivated: 0, anonymised: 0, deleted: 0, held: 0, ended: 0 };
}

const COUNTER: Record<FinalAction, 'inactivated' | 'anonymised' | 'deleted'> = {
  inactivate: 'inactivated',
  anonymise: 'anonymised',
  delete: 'deleted',
};
const OPERATION = { inactivate: 'inactivate', anonymise: 'anonymise', delete: 'erase' } as const;
/** A claimed row with its new standing. */
type StateRowUpdate = RetentionStateRow & StateUpdate;

interface Work {
  updates: StateUpdate[];
  reminders: (Reminder & { skipped: number })[];
  finals: { row: StateRowUpdate; s: ResolvedSchedule }[];
}

/** Actions that lose data: a legal hold postpones them. Inactivation keeps everything, so it runs. */
const DESTRUCTIVE: readonly FinalAction[] = ['anonymise', 'delete'];

/**
 * One batch of due work in one transaction: claim, plan, then act set-wise. Everything a batch
 * does (mails queued, people inactivated or erased, progress recorded, audit entries) commits or
 * rolls back together, so a worker killed half-way leaves every person as they were.
 */
@Injectable()
export class RetentionBatch {
  constructor(
    private readonly schedules: RetentionSchedules,
    private readonly store: RetentionStateStore,
    private readonly listing: ProfileListing,
    private readonly holds: LegalHoldsService,
    private readonly mailer: ReminderMailer,
    private readonly erasure: ErasureService,
    private readonly audit: AuditService,
  ) {}

  async run(tx: TenantTx, rows: readonly RetentionStateRow[], now: Date): Promise<BatchOutcome> {
    const out = { ...emptyOutcome(), claimed: rows.length };
    if (!rows.length) return out;
    const work = await this.decide(tx, rows, now, out);
    await this.warnAgainWhereUnknown(tx, work, now);
    const acting = await this.holdBack(tx, work, now, out);
    await this.remind(tx, work.reminders, out);
    await this.store.saveMany(tx, work.updates, now);
    for (const { s, ids } of acting.values()) {
      await this.erasure.applyMany(OPERATION[s.finalAction], ids, { reason: 'retention', schedule: s.key });
      out[COUNTER[s.finalAction]] += ids.length;
    }
    return out;
  }

  /** What is due for each claimed row: wait, a reminder, or the final action. */
  private async decide(tx: TenantTx, rows: readonly RetentionStateRow[], now: Date, out: BatchOutcome): Promise<Work> {
    const schedules = await this.schedules.byKey();
    const listed = await this.stillListed(tx, rows, schedules);
    const interacted = await this.store.interactedSince(
      tx,
      rows.filter((r) => schedules.get(r.scheduleKey)?.anchor === 'last-interaction'),
    );
    const work: Work = { updates: [], reminders: [], finals: [] };
    for (const row of rows) {
      const s = schedules.get(row.scheduleKey);
      const base: StateRowUpdate = { ...row, planFingerprint: s?.fingerprint ?? row.planFingerprint };
      // A schedule the tenant no longer declares, or a listing the person ended themself: nothing left to do.
      if (!s || (s.anchor === 'activation' && !listed.has(row.personId))) {
        work.updates.push({ ...base, status: 'done', nextDueAt: null });
        out.ended++;
        continue;
      }
      // An interaction that raced with an earlier batch (and so could not reset the clock) resets it now.
      const since = interacted.get(`${row.personId}:${row.scheduleKey}`);
      const progress = since
        ? { anchorAt: since, nextStep: 0, deadlineAt: null }
        : { anchorAt: new Date(row.anchorAt), nextStep: row.nextStep, deadlineAt: row.deadlineAt };
      if (since) Object.assign(base, { ...progress, restartedAt: since });
      const d = plan(s, progress, now);
      if (d.kind === 'wait') work.updates.push({ ...base, nextDueAt: d.nextDueAt });
      else if (d.kind === 'final') work.finals.push({ row: base, s });
      else {
        work.reminders.push({
          personId: row.personId,
          personKind: row.personKind,
          scheduleKey: s.key,
          template: s.steps[d.step].template,
          anchorAt: progress.anchorAt,
          step: d.step,
          deadline: d.deadline,
          finalAction: s.finalAction,
          reminderNumber: d.step + 1,
          skipped: d.skipped,
        });
        work.updates.push({
          ...base,
          nextStep: d.step + 1,
          remindersSent: base.remindersSent + 1,
          remindersSkipped: base.remindersSkipped + d.skipped,
          lastReminderAt: now,
          deadlineAt: d.deadline,
          nextDueAt: d.nextDueAt,
        });
        out.remindersSkipped += d.skipped;
      }
    }
    return work;
  }

  /**
   * The final action needs the warning to have gone out. A reminder's mail ends 'unconfirmed' when
   * the worker died while handing it to the SMTP server, so it may never have arrived: that person
   * gets the reminder once more, with the schedule's full notice counted from now, instead of the
   * final action. Once only: a second unknown outcome lets the schedule end, as it must some time.
   */
  private async warnAgainWhereUnknown(tx: TenantTx, work: Work, now: Date): Promise<void> {
    const lastSent = (f: Work['finals'][number]) => {
      const step = f.row.nextStep - 1;
      return step >= 0 && step < f.s.steps.length
        ? { scheduleKey: f.s.key, personId: f.row.personId, anchorAt: new Date(f.row.anchorAt), step }
        : null;
    };
    const candidates = work.finals.filter((f) => lastSent(f));
    if (!candidates.length) return;
    const keys = candidates.flatMap((f) => [reminderKey(lastSent(f)!), reminderKey({ ...lastSent(f)!, again: true })]);
    const mails = await tx.query<{ idempotency_key: string; status: string }>(
      `SELECT idempotency_key, status FROM mail_messages WHERE tenant_id = $1 AND idempotency_key = ANY($2::text[])`,
      [tx.tenantId, keys],
    );
    const status = new Map(mails.map((m) => [m.idempotency_key, m.status]));
    for (const f of candidates) {
      const last = lastSent(f)!;
      if (status.get(reminderKey(last)) !== 'unconfirmed' || status.has(reminderKey({ ...last, again: true }))) continue;
      const notice = scheduledFinal(f.s, last.anchorAt).getTime() - reminderAt(f.s, last.anchorAt, last.step).getTime();
      const deadline = new Date(now.getTime() + notice);
      work.finals.splice(work.finals.indexOf(f), 1);
      work.reminders.push({
        ...last,
        personKind: f.row.personKind,
        template: f.s.steps[last.step].template,
        deadline,
        finalAction: f.s.finalAction,
        reminderNumber: last.step + 1,
        skipped: 0,
        again: true,
      });
      work.updates.push({ ...f.row, remindersSent: f.row.remindersSent + 1, lastReminderAt: now, deadlineAt: deadline, nextDueAt: deadline });
    }
  }

  /** Final actions a legal hold postpones to its end; the rest grouped per schedule, to run set-wise. */
  private async holdBack(tx: TenantTx, work: Work, now: Date, out: BatchOutcome) {
    const destructive = work.finals.filter((f) => DESTRUCTIVE.includes(f.s.finalAction));
    const held = await this.holds.activeUntil(tx, destructive.map((f) => f.row.personId), now);
    const acting = new Map<string, { s: ResolvedSchedule; ids: string[] }>();
    for (const { row, s } of work.finals) {
      const until = DESTRUCTIVE.includes(s.finalAction) ? held.get(row.personId) : undefined;
      if (until) {
        work.updates.push({ ...row, nextDueAt: until });
        out.held++;
        continue;
      }
      work.updates.push({ ...row, status: 'done', finalAction: s.finalAction, finalAt: now, nextDueAt: null });
      const group = acting.get(s.key) ?? { s, ids: [] };
      group.ids.push(row.personId);
      acting.set(s.key, group);
    }
    return acting;
  }

  private async remind(tx: TenantTx, reminders: Work['reminders'], out: BatchOutcome): Promise<void> {
    const { unreachable, suppressed } = await this.mailer.send(tx, reminders);
    for (const r of reminders)
      await this.audit.record(
        {
          action: 'retention.reminder',
          subjectType: 'person',
          subjectId: r.personId,
          details: {
            schedule: r.scheduleKey,
            step: r.step,
            skipped: r.skipped,
            deadline: r.deadline.toISOString(),
            reached: !unreachable.has(r.personId) && !suppressed.has(r.personId),
            ...(r.again ? { again: true } : {}),
          },
        },
        tx,
      );
    out.reminders = reminders.length - unreachable.size;
    out.unreachable = unreachable.size;
  }

  private async stillListed(tx: TenantTx, rows: readonly RetentionStateRow[], schedules: Map<string, ResolvedSchedule>) {
    const ids = rows.filter((r) => schedules.get(r.scheduleKey)?.anchor === 'activation').map((r) => r.personId);
    return ids.length ? this.listing.listed(tx, ids) : new Set<string>();
  }
}
