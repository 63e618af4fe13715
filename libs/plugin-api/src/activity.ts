import type { TemplateDefinition } from './templates.js';
import type { TenantDefinition } from './tenant-definition.js';

/**
 * A reminder mail the platform sends by itself, by a rule the tenant declares (statement 004:
 * "automatische e-mails op basis van profielvolledigheid en inlogbehaviour"). A nudge only mails:
 * it never changes the person's profile, visibility or any other part of their situation, so no
 * automated decision with an effect on them is ever taken (GDPR art. 22).
 */
export interface NudgeRule {
  /** Lower-case key, stable: who got which nudge when is kept under it. */
  readonly key: string;
  /**
   * The tenant's template (category `reminder` or `notification`, so the person can unsubscribe).
   * Its variables are drawn from `NUDGE_VARIABLES`.
   */
  readonly template: string;
  /** Every condition given must hold. At least one is given. */
  readonly when: {
    /** The person has not signed in for this many days (people who never signed in are left to their invitation). */
    readonly noSignInForDays?: number;
    /** One of these profile fields the person writes is still empty. */
    readonly missingAnyOf?: readonly string[];
  };
  /** The same nudge goes to a person at most once in this many days (at least 7). */
  readonly atMostEveryDays: number;
}

/**
 * What the platform records of a person's use of it, beyond the last-interaction moments retention
 * counts from (statement 004: "Wij houden bij wanneer je inlogt, en of je onze persoonlijke e-mails
 * opent en op links klikt"). Left out, nothing is recorded and no nudge is sent.
 */
export interface ActivityDeclaration {
  /** Record each sign-in of a jobseeker. */
  readonly signIns: boolean;
  /**
   * The tenant's personal mails (template keys) whose opens and link clicks are recorded, through a
   * pixel and redirected links in the HTML part. Never a mail that carries a secret link
   * (an invitation, a password reset): those are core templates, which the mail capability's
   * definition check refuses here even where the tenant overrides them.
   */
  readonly trackedMails: readonly string[];
  /** Days an event is kept; older ones are deleted by the worker. */
  readonly keepDays: number;
  /**
   * Delegated-access purposes (visibility.candidateBank.delegatedAccess) whose staff also read a
   * person's activity; the person's own org units' staff always do. Left out: own staff only.
   */
  readonly staffDelegatedPurposes?: readonly string[];
  readonly nudges?: readonly NudgeRule[];
}

/** The values a nudge template may use: the person's first name and the link to their profile page, the missing fields' labels. */
export const NUDGE_VARIABLES = ['name', 'profileUrl', 'missingFields'] as const;

/** The kinds of event the activity capability records. */
export const ACTIVITY_EVENT_KINDS = ['sign-in', 'mail-open', 'mail-click'] as const;
export type ActivityEventKind = (typeof ACTIVITY_EVENT_KINDS)[number];

const KEY = /^[a-z][a-z0-9-]{1,40}$/;

/** Problems in a tenant's activity declaration; empty when it is sound. */
export function activityProblems(def: TenantDefinition): string[] {
  const a = def.activity;
  if (a === undefined) return [];
  const out: string[] = [];
  const templates = new Map<string, TemplateDefinition>((def.mail?.templates ?? []).map((t) => [t.key, t]));
  if (typeof a.signIns !== 'boolean') out.push('activity.signIns must be true or false');
  if (!Array.isArray(a.trackedMails)) out.push('activity.trackedMails must be a list of template keys');
  for (const key of a.trackedMails ?? [])
    if (!templates.has(key)) out.push(`activity.trackedMails: "${key}" is not one of the tenant's mail templates`);
  if (!Number.isInteger(a.keepDays) || a.keepDays < 1 || a.keepDays > 3650) out.push('activity.keepDays must be a whole number of days from 1 to 3650');
  const purposes = new Set((def.visibility?.candidateBank?.delegatedAccess ?? []).map((p) => p.key));
  for (const p of a.staffDelegatedPurposes ?? [])
    if (!purposes.has(p)) out.push(`activity.staffDelegatedPurposes: "${p}" is not a delegatedAccess purpose of the tenant`);
  const fields = new Map((def.profile?.fields ?? []).map((f) => [f.key, f]));
  const seen = new Set<string>();
  for (const n of a.nudges ?? []) {
    const at = `activity.nudges "${n.key}"`;
    if (!KEY.test(n.key ?? '')) out.push(`${at}: key must be lower-case words joined by hyphens`);
    if (seen.has(n.key)) out.push(`${at}: declared twice`);
    seen.add(n.key);
    const t = templates.get(n.template);
    if (!t) out.push(`${at}: template "${n.template}" is not one of the tenant's mail templates`);
    else {
      if (t.category !== 'reminder' && t.category !== 'notification')
        out.push(`${at}: template "${n.template}" must be a reminder or notification, so the person can unsubscribe`);
      for (const v of t.variables)
        if (!(NUDGE_VARIABLES as readonly string[]).includes(v)) out.push(`${at}: template variable "${v}" is not one a nudge fills (${NUDGE_VARIABLES.join(', ')})`);
    }
    const when = n.when ?? {};
    if (when.noSignInForDays === undefined && !when.missingAnyOf?.length) out.push(`${at}: needs a condition (noSignInForDays or missingAnyOf)`);
    if (when.noSignInForDays !== undefined && (!Number.isInteger(when.noSignInForDays) || when.noSignInForDays < 1 || when.noSignInForDays > 3650))
      out.push(`${at}: noSignInForDays must be a whole number of days from 1 to 3650`);
    for (const k of when.missingAnyOf ?? []) {
      const f = fields.get(k);
      if (!f) out.push(`${at}: missingAnyOf names unknown field "${k}"`);
      else if (!f.write.includes('self')) out.push(`${at}: missingAnyOf field "${k}" is not one the person fills in`);
      else if (f.type === 'document') out.push(`${at}: missingAnyOf field "${k}" is a document; only values of the profile itself are looked at`);
      else if (f.specialCategory) out.push(`${at}: missingAnyOf field "${k}" is special-category data, which nobody is pressed to give`);
    }
    if (!Number.isInteger(n.atMostEveryDays) || n.atMostEveryDays < 7 || n.atMostEveryDays > 3650)
      out.push(`${at}: atMostEveryDays must be a whole number of days from 7 to 3650`);
  }
  return out;
}
