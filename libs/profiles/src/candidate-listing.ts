import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { LISTED_STATES, type ProfileState } from './profile-state.js';

export interface ListingFacts {
  readonly state: ProfileState;
  readonly visibleToEmployers: boolean;
  readonly listedUntil: Date | string | null;
  /** Set while an objection or restriction (GDPR art. 21 / 18) is open or upheld. */
  readonly processingRestrictedAt: Date | string | null;
}

/**
 * Whether a profile is in the candidate bank for readers outside the tenant's own staff: listed
 * (active or anonymous), shown to employers by the person's choice, within its listing period,
 * with the bank's consent granted when the tenant requires one, and not while the person's
 * processing is restricted (an objection or restriction request open or upheld).
 */
export function listedInCandidateBank(
  definition: Pick<TenantDefinition, 'visibility'>,
  profile: ListingFacts,
  granted: ReadonlySet<string>,
  now: Date,
): boolean {
  const bank = definition.visibility.candidateBank;
  if (!LISTED_STATES.includes(profile.state) || !profile.visibleToEmployers) return false;
  if (profile.processingRestrictedAt) return false;
  if (bank.listedFor && !(profile.listedUntil && new Date(profile.listedUntil) > now)) return false;
  if (bank.requiresConsent && !granted.has(bank.requiresConsent)) return false;
  return true;
}

/** Adds whole calendar months, clamped to the last day of a shorter month (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
