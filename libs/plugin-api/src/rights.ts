import type { ResumeMapping } from './resume.js';
import { ORG_UNIT_KINDS, type OrgUnitKind, type Role } from './roles.js';

/** The data-subject rights of the GDPR a person can invoke (articles 15 to 21). */
export const RIGHTS_REQUEST_KINDS = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
] as const;
export type RightsRequestKind = (typeof RIGHTS_REQUEST_KINDS)[number];

/** Roles that may decide on a data-subject request. */
export const RIGHTS_DECIDER_ROLES = ['staff', 'tenant-admin'] as const satisfies readonly Role[];
export type RightsDeciderRole = (typeof RIGHTS_DECIDER_ROLES)[number];

/**
 * What "who opened my dossier" tells the person about each reader: the organisation and role only
 * (the default), or also the reader's name.
 */
export const RIGHTS_OPENED_BY = ['organisation-and-role', 'name'] as const;
export type RightsOpenedBy = (typeof RIGHTS_OPENED_BY)[number];

/** Calendars whose public holidays a working-day promise can skip. */
export const RIGHTS_HOLIDAY_CALENDARS = ['NL'] as const;

/**
 * How a tenant handles data-subject requests. Left out: staff and tenant admins decide, within the
 * month the law gives. A decision (completed or refused) is always taken by a person of these roles,
 * never by the platform alone.
 */
export interface RightsDeclaration {
  /** Who decides on requests (HalloWerk: municipality staff; RefugeeWork: the operations team). */
  readonly deciders: readonly RightsDeciderRole[];
  /**
   * A shorter promise than the law's month, in working days (WinWinWerkt: 10): Saturdays, Sundays
   * and the public holidays of `holidays` do not count.
   */
  readonly promiseWorkingDays?: number;
  readonly holidays?: (typeof RIGHTS_HOLIDAY_CALENDARS)[number];
  /**
   * The processors that receive personal data on the tenant's behalf, for the record of processing
   * activities (GDPR art. 30): who and what for.
   */
  readonly processors?: readonly { readonly name: string; readonly purpose: string }[];
  /**
   * Which profile fields make the CV part of an export, as a JSON Resume document another job
   * platform can import (see `ResumeMapping`). Left out: the resume holds no fields.
   */
  readonly resume?: ResumeMapping;
  /**
   * Whether the person sees the names of those who opened their dossier (`'name'`) or only their
   * organisation and role (`'organisation-and-role'`, the default: staff stay unnamed unless the
   * tenant's statement says otherwise). Applies to the API, the overview and the export's access log.
   */
  readonly openedBy?: RightsOpenedBy;
  /**
   * How many working days (Saturdays, Sundays and the public holidays of `holidays`, else the
   * Dutch ones, not counted) pass between the mail announcing that a restriction of processing is
   * lifted and the lift itself (art. 18(3): the person is told before). Left out: 5.
   */
  readonly liftNoticeWorkingDays?: number;
  /**
   * Where staff are limited to their own org units, the kinds of unit that handle requests: a member
   * of staff sees, decides and is mailed about the requests of people in (or below) their own units
   * of these kinds only. HalloWerk: `['municipality']`, since a request goes "bij je eigen gemeente",
   * the controller, not to the region's account managers. Left out: every unit of the staff member.
   */
  readonly handlerUnitKinds?: readonly OrgUnitKind[];
}

/** The notice before a restriction is lifted, when the tenant declares none. */
export const DEFAULT_LIFT_NOTICE_WORKING_DAYS = 5;

export const DEFAULT_RIGHTS: RightsDeclaration = { deciders: ['staff', 'tenant-admin'] };

/** Problems in a tenant's rights declaration; empty when it is sound. */
export function rightsProblems(r: RightsDeclaration | undefined): string[] {
  if (r === undefined) return [];
  const out: string[] = [];
  if (!r.deciders?.length) out.push('rights.deciders must name at least one role');
  for (const d of r.deciders ?? [])
    if (!(RIGHTS_DECIDER_ROLES as readonly string[]).includes(d))
      out.push(`rights.deciders: "${d}" may not decide (${RIGHTS_DECIDER_ROLES.join(', ')})`);
  const days = r.promiseWorkingDays;
  // A month never holds fewer than 19 working days; a promise of 20 or more could outlast the law.
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 19))
    out.push(
      'rights.promiseWorkingDays must be a whole number from 1 to 19 (shorter than the month the law gives)',
    );
  if (
    r.holidays !== undefined &&
    !(RIGHTS_HOLIDAY_CALENDARS as readonly string[]).includes(r.holidays)
  )
    out.push(`rights.holidays: unknown calendar "${r.holidays}"`);
  if (days !== undefined && r.holidays === undefined)
    out.push('rights.holidays is required with promiseWorkingDays');
  if (r.openedBy !== undefined && !(RIGHTS_OPENED_BY as readonly string[]).includes(r.openedBy))
    out.push(`rights.openedBy must be one of ${RIGHTS_OPENED_BY.join(', ')}`);
  const notice = r.liftNoticeWorkingDays;
  // At least a day, or the person could not react before the lift; at most a month's working days.
  if (notice !== undefined && (!Number.isInteger(notice) || notice < 1 || notice > 20))
    out.push('rights.liftNoticeWorkingDays must be a whole number from 1 to 20');
  for (const p of r.processors ?? [])
    if (!p.name?.trim() || !p.purpose?.trim())
      out.push('rights.processors: every processor needs a name and a purpose');
  if (r.handlerUnitKinds !== undefined) {
    if (!r.handlerUnitKinds.length) out.push('rights.handlerUnitKinds must name at least one kind of org unit, or be left out');
    for (const k of r.handlerUnitKinds)
      if (!(ORG_UNIT_KINDS as readonly string[]).includes(k))
        out.push(`rights.handlerUnitKinds: unknown org unit kind "${k}" (${ORG_UNIT_KINDS.join(', ')})`);
  }
  return out;
}
