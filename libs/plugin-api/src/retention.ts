/** Kinds of person a tenant keeps data about, each with its own schedule. */
export const PERSON_KINDS = [
  'jobseeker',
  'employer-contact',
  'alert-subscriber',
  'partner-staff',
  'applicant',
] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** The moment a schedule counts from. */
export const RETENTION_ANCHORS = [
  'last-interaction',
  'activation',
  'end-of-service',
  'end-of-contract',
  'unsubscription',
] as const;
export type RetentionAnchor = (typeof RETENTION_ANCHORS)[number];

/** An ISO-8601-like period: { months: 12 } or { days: 30 }. */
export interface Period {
  readonly days?: number;
  readonly months?: number;
  readonly years?: number;
}

export type ReminderStep =
  | { readonly kind: 'once'; readonly at: Period; readonly template: string }
  | {
      readonly kind: 'repeat';
      readonly from: Period;
      readonly every: Period;
      /** How many reminders in total; omitted: until the final action. */
      readonly times?: number;
      readonly template: string;
    };

export type FinalAction = 'inactivate' | 'anonymise' | 'delete';

/** What counts as the person answering a reminder (resets the anchor). */
export type ReminderResponse = 'link-click' | 'sign-in' | 'any-interaction';

/**
 * What a policy setting named in `adjustableBy` changes; its value is read in the setting's unit
 * (days when it declares none).
 * - `response-window`: the final action runs this long after the last reminder (the period the
 *   reminder gives the person to answer);
 * - `final-at`: the final action runs this long after the anchor;
 * - `reminder-interval`: the period between repeated reminders.
 * Unlisted settings default to `response-window` for a schedule with reminders, else `final-at`.
 */
export type ScheduleAdjustment = 'response-window' | 'final-at' | 'reminder-interval';

export interface RetentionSchedule {
  readonly key: string;
  readonly personKind: PersonKind;
  readonly anchor: RetentionAnchor;
  readonly reminders: readonly ReminderStep[];
  readonly respondedBy: readonly ReminderResponse[];
  /** When the final action runs, counted from the anchor. */
  readonly finalAt: Period;
  readonly finalAction: FinalAction;
  /** A policy setting (by key) a tenant admin may use to change finalAt or a reminder window. */
  readonly adjustableBy?: readonly string[];
  /** What each setting in adjustableBy changes (see ScheduleAdjustment for the default). */
  readonly adjusts?: Readonly<Record<string, ScheduleAdjustment>>;
  /** Plain-language promise this schedule implements, for the forecast and the tenant README. */
  readonly promise: string;
}
