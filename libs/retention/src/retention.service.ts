import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import type { ActivityEvent, ActivityKind } from '../../privacy/src/index.js';
import type { PersonKind, ReminderResponse, RetentionAnchor } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { plan, type ResolvedSchedule } from './schedule-plan.js';
import { RetentionSchedules } from './retention-schedules.service.js';
import { RetentionStateStore, type RetentionStateRow } from './retention-state.store.js';
import { ProfileListing } from './profile-listing.js';

const ANSWERS: Record<ActivityKind, readonly ReminderResponse[]> = {
  'sign-in': ['sign-in', 'any-interaction'],
  'link-click': ['link-click', 'any-interaction'],
  interaction: ['any-interaction'],
};

/** Anchors a response resets: engagement. The others count from facts (a contract's end) an answer does not move. */
const RESET_BY_ANSWER: readonly RetentionAnchor[] = ['last-interaction', 'activation'];

export type AnswerOutcome = 'answered' | 'already-answered' | 'too-late' | 'unknown';

/**
 * Where each person's schedules start and restart: capabilities report the moments schedules
 * count from (an activation, the end of a service or contract, an unsubscription), and activity
 * resets a last-interaction clock or answers an outstanding reminder in the same unit of work.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly schedules: RetentionSchedules,
    private readonly store: RetentionStateStore,
    private readonly listing: ProfileListing,
    private readonly registry: TenantRegistry,
    private readonly audit: AuditService,
  ) {}

  /** The moment a person's schedules of this anchor kind count from, e.g. `end-of-service` at a date. */
  async anchor(tx: TenantTx, e: { personId: string; personKind: PersonKind; anchor: RetentionAnchor; at: Date; now: Date }) {
    for (const s of await this.schedules.forKind(e.personKind))
      if (s.anchor === e.anchor) await this.restart(tx, s, e.personId, e.at, e.now);
  }

  /** The anchor no longer applies (a contract was renewed): the person leaves those schedules. */
  async clear(tx: TenantTx, e: { personId: string; personKind: PersonKind; anchor: RetentionAnchor }) {
    const keys = (await this.schedules.forKind(e.personKind)).filter((s) => s.anchor === e.anchor).map((s) => s.key);
    if (keys.length)
      await tx.query(`DELETE FROM retention_state WHERE tenant_id = $1 AND person_id = $2 AND schedule_key = ANY($3::text[])`, [
        tx.tenantId,
        e.personId,
        keys,
      ]);
  }

  /** Activity listener: resets last-interaction clocks and answers outstanding reminders. */
  async onActivity(tx: TenantTx, e: ActivityEvent): Promise<void> {
    const schedules = await this.schedules.forKind(e.personKind);
    if (!schedules.length) return;
    const { rows, busy } = await this.store.forPersonUnlessBusy(tx, e.personId);
    const states = new Map(rows.map((r) => [r.scheduleKey, r]));
    for (const s of schedules) {
      if (busy.has(s.key)) continue;
      const state = states.get(s.key);
      const answers = outstanding(state) && s.respondedBy.some((r) => ANSWERS[e.kind].includes(r));
      if (s.anchor === 'last-interaction') {
        await this.restart(tx, s, e.personId, e.at, e.at);
        if (answers) await this.audited(tx, s, e.personId, e.kind);
      } else if (answers && RESET_BY_ANSWER.includes(s.anchor)) await this.answered(tx, s, e.personId, e.kind, e.at);
      else if (s.anchor === 'activation') await this.followActivation(tx, s, e.personId, state, e.at);
    }
  }

  /**
   * The profile capability reports its changes as interactions, in the same unit of work: a
   * (re-)activation starts the schedule from the activation at once.
   */
  private async followActivation(tx: TenantTx, s: ResolvedSchedule, personId: string, state: RetentionStateRow | undefined, now: Date) {
    if (s.personKind !== 'jobseeker') return;
    const activatedAt = await this.listing.activatedAt(tx, personId);
    if (activatedAt && (!state || activatedAt.getTime() > new Date(state.anchorAt).getTime()))
      await this.restart(tx, s, personId, activatedAt, now);
  }

  /**
   * A click on a reminder's link: answers that reminder if it belongs to the person's current run
   * of the schedule. A link from an earlier run is already answered; one whose final action has
   * run comes too late (the person re-activates through their own account instead).
   */
  async answerLink(tx: TenantTx, personId: string, scheduleKey: string, anchorMs: number, now: Date): Promise<AnswerOutcome> {
    const s = (await this.schedules.byKey()).get(scheduleKey);
    const [state] = (await this.store.forPerson(tx, personId, { lock: true })).filter((r) => r.scheduleKey === scheduleKey);
    if (!s || !state) return 'unknown';
    const anchor = new Date(state.anchorAt).getTime();
    if (anchor > anchorMs) return 'already-answered';
    if (anchor < anchorMs) return 'unknown';
    if (state.status === 'done') return 'too-late';
    if (RESET_BY_ANSWER.includes(s.anchor)) await this.answered(tx, s, personId, 'link-click', now);
    else await this.audited(tx, s, personId, 'link-click');
    return 'answered';
  }

  private async answered(tx: TenantTx, s: ResolvedSchedule, personId: string, kind: ActivityKind, at: Date) {
    await this.restart(tx, s, personId, at, at);
    if (s.anchor === 'activation')
      await this.listing.renew(tx, personId, at, this.registry.current().visibility.candidateBank.listedFor);
    await this.audited(tx, s, personId, kind);
  }

  private audited(tx: TenantTx, s: ResolvedSchedule, personId: string, kind: ActivityKind) {
    return this.audit.record(
      { action: 'retention.answer', subjectType: 'person', subjectId: personId, details: { schedule: s.key, response: kind } },
      tx,
    );
  }

  private async restart(tx: TenantTx, s: ResolvedSchedule, personId: string, anchorAt: Date, now: Date) {
    const first = plan(s, { anchorAt, nextStep: 0, deadlineAt: null }, now);
    const nextDueAt = first.kind === 'wait' ? first.nextDueAt : now;
    await this.store.restart(
      tx,
      { personId, scheduleKey: s.key, personKind: s.personKind, anchorAt, nextDueAt, fingerprint: s.fingerprint },
      now,
    );
  }
}

/** A reminder of the current run went out and the final action has not run yet. */
function outstanding(state: RetentionStateRow | undefined): boolean {
  return !!state && state.status === 'active' && state.nextStep > 0;
}
