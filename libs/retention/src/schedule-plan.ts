import { createHash } from 'node:crypto';
import type {
  FinalAction,
  Period,
  PersonKind,
  PolicySetting,
  ReminderResponse,
  RetentionAnchor,
  RetentionSchedule,
  ScheduleAdjustment,
} from '../../plugin-api/src/index.js';
import { addPeriod, earlierOf, laterOf, periodOf, sumPeriods } from './period.js';

/** One reminder, counted from the anchor. */
export interface ReminderStepPlan {
  readonly at: Period;
  readonly template: string;
}

/**
 * A tenant's schedule with the admin's current settings applied and repeated reminders expanded
 * into single steps, so planning is plain date arithmetic.
 */
export interface ResolvedSchedule {
  readonly key: string;
  readonly personKind: PersonKind;
  readonly anchor: RetentionAnchor;
  readonly respondedBy: readonly ReminderResponse[];
  readonly finalAction: FinalAction;
  readonly steps: readonly ReminderStepPlan[];
  readonly finalAt: Period;
  /** When set, the final action runs this long after the last reminder instead of at finalAt. */
  readonly responseWindow: Period | null;
  /** Changes whenever anything above changes; stored rows planned on another one are re-planned. */
  readonly fingerprint: string;
}

const MAX_STEPS = 500;

function approxDays(p: Period): number {
  return (p.days ?? 0) + (p.months ?? 0) * 30.44 + (p.years ?? 0) * 365.25;
}

function defaultAdjustment(s: RetentionSchedule): ScheduleAdjustment {
  return s.reminders.length ? 'response-window' : 'final-at';
}

export function resolveSchedule(
  s: RetentionSchedule,
  declared: readonly PolicySetting[],
  values: Readonly<Record<string, unknown>>,
): ResolvedSchedule {
  let finalAt: Period = s.finalAt;
  let responseWindow: Period | null = null;
  let every: Period | null = null;
  for (const key of s.adjustableBy ?? []) {
    const setting = declared.find((d) => d.key === key);
    const value = values[key];
    if (!setting || setting.type !== 'integer' || typeof value !== 'number') continue;
    const period = periodOf(value, setting.unit === 'count' ? undefined : setting.unit);
    const adjusts = s.adjusts?.[key] ?? defaultAdjustment(s);
    if (adjusts === 'final-at') finalAt = period;
    else if (adjusts === 'response-window') responseWindow = period;
    else every = period;
  }
  const steps: ReminderStepPlan[] = [];
  for (const r of s.reminders) {
    if (r.kind === 'once') {
      steps.push({ at: r.at, template: r.template });
      continue;
    }
    const interval = every ?? r.every;
    for (let k = 0; k < (r.times ?? MAX_STEPS) && steps.length < MAX_STEPS; k++) {
      const at = sumPeriods(r.from, scale(interval, k));
      if (r.times === undefined && approxDays(at) >= approxDays(finalAt)) break;
      steps.push({ at, template: r.template });
    }
  }
  steps.sort((a, b) => approxDays(a.at) - approxDays(b.at));
  const resolved = {
    key: s.key,
    personKind: s.personKind,
    anchor: s.anchor,
    respondedBy: s.respondedBy,
    finalAction: s.finalAction,
    steps,
    finalAt,
    responseWindow: steps.length ? responseWindow : null,
  };
  const fingerprint = createHash('sha256').update(JSON.stringify(resolved)).digest('hex').slice(0, 16);
  return { ...resolved, fingerprint };
}

function scale(p: Period, k: number): Period {
  return { years: (p.years ?? 0) * k, months: (p.months ?? 0) * k, days: (p.days ?? 0) * k };
}

/** Where one person stands in one schedule. */
export interface ScheduleProgress {
  readonly anchorAt: Date;
  /** Index of the first reminder step not yet sent or skipped. */
  readonly nextStep: number;
  /** The deadline the last reminder mail stated; the final action never runs before it. */
  readonly deadlineAt: Date | null;
}

export type Decision =
  | {
      readonly kind: 'remind';
      readonly step: number;
      /** Earlier steps that fell due while no sweep ran: marked skipped, never sent in a row. */
      readonly skipped: number;
      readonly deadline: Date;
      readonly nextDueAt: Date;
    }
  | { readonly kind: 'final'; readonly action: FinalAction }
  | { readonly kind: 'wait'; readonly nextDueAt: Date };

export function reminderAt(s: ResolvedSchedule, anchorAt: Date, step: number): Date {
  return addPeriod(anchorAt, s.steps[step].at);
}

/** When the final action is scheduled if every reminder goes out on time. */
export function scheduledFinal(s: ResolvedSchedule, anchorAt: Date): Date {
  if (s.responseWindow && s.steps.length) return addPeriod(reminderAt(s, anchorAt, s.steps.length - 1), s.responseWindow);
  return addPeriod(anchorAt, s.finalAt);
}

/**
 * The one thing due for a person now. Catch-up without a burst: of several overdue reminders only
 * the latest goes out. Notice is never cut short: a reminder sent late moves the deadline so the
 * person gets the full period the schedule promises between that reminder and the final action,
 * and a person whose final action fell due without any reminder first gets the last one.
 */
export function plan(s: ResolvedSchedule, p: ScheduleProgress, now: Date): Decision {
  const n = s.steps.length;
  const finalDue = laterOf(scheduledFinal(s, p.anchorAt), p.deadlineAt);
  let due = -1;
  for (let i = p.nextStep; i < n && reminderAt(s, p.anchorAt, i).getTime() <= now.getTime(); i++) due = i;
  if (due >= 0) {
    const notice = scheduledFinal(s, p.anchorAt).getTime() - reminderAt(s, p.anchorAt, due).getTime();
    const deadline = laterOf(finalDue, new Date(now.getTime() + notice));
    const nextDueAt = due + 1 < n ? earlierOf(reminderAt(s, p.anchorAt, due + 1), deadline) : deadline;
    return { kind: 'remind', step: due, skipped: due - p.nextStep, deadline, nextDueAt };
  }
  if (p.nextStep < n) return { kind: 'wait', nextDueAt: earlierOf(reminderAt(s, p.anchorAt, p.nextStep), finalDue) };
  if (finalDue.getTime() <= now.getTime()) return { kind: 'final', action: s.finalAction };
  return { kind: 'wait', nextDueAt: finalDue };
}

/** One planned event of a person's timeline, assuming they do not answer. */
export interface TimelineEvent {
  readonly at: Date;
  readonly kind: 'reminder' | FinalAction;
  readonly step?: number;
  readonly template?: string;
}

/** The events still ahead for a person, if nothing changes and every sweep runs on time. */
export function projectTimeline(s: ResolvedSchedule, p: ScheduleProgress, now: Date, until?: Date): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  let progress = p;
  let clock = now;
  // Each round either sends a reminder, runs the final action or waits: a bounded walk.
  for (let round = 0; round < s.steps.length * 2 + 2; round++) {
    const d = plan(s, progress, clock);
    if (d.kind === 'wait') {
      if (until && d.nextDueAt.getTime() > until.getTime()) break;
      clock = laterOf(d.nextDueAt, clock);
      continue;
    }
    if (d.kind === 'final') {
      out.push({ at: clock, kind: d.action });
      break;
    }
    out.push({ at: clock, kind: 'reminder', step: d.step, template: s.steps[d.step].template });
    progress = { ...progress, nextStep: d.step + 1, deadlineAt: d.deadline };
  }
  return out;
}
