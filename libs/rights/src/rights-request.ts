import type { RightsRequestKind } from '../../plugin-api/src/index.js';
import type { CalendarDate } from './deadlines.js';

export const RIGHTS_STATUSES = [
  'received',
  'identity-verified',
  'in-progress',
  'awaiting-decision',
  'completed',
  'refused',
] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];

/** How a request reached the tenant: `self` through the person's own account, else how staff received it. */
export const RIGHTS_SOURCES = ['self', 'post', 'phone', 'email', 'in-person'] as const;
export type RightsSource = (typeof RIGHTS_SOURCES)[number];

export const FINAL_STATUSES: readonly RightsStatus[] = ['completed', 'refused'];

/**
 * The only moves a request makes. Refusal is possible at every open step (an unproven identity, a
 * manifestly unfounded request); completion only once the work has started.
 */
export const NEXT: Readonly<Record<RightsStatus, readonly RightsStatus[]>> = {
  received: ['identity-verified', 'refused'],
  'identity-verified': ['in-progress', 'refused'],
  'in-progress': ['awaiting-decision', 'completed', 'refused'],
  'awaiting-decision': ['completed', 'refused'],
  completed: [],
  refused: [],
};

/** Statuses that are decisions: taken only by the roles the tenant declares as deciders. */
export const DECISIONS: readonly RightsStatus[] = ['completed', 'refused'];

export interface RightsRequestRow {
  id: string;
  reference: string;
  personId: string | null;
  kind: RightsRequestKind;
  status: RightsStatus;
  source: RightsSource;
  enteredBy: string | null;
  details: string | null;
  /**
   * What an objection is limited to: `direct-marketing` (art. 21(2)) stops marketing mail only and
   * restricts nothing else; null, the whole of processing based on legitimate interest.
   */
  purpose: ObjectionPurpose | null;
  receivedAt: Date;
  receivedOn: CalendarDate;
  dueOn: CalendarDate;
  extensionReason: string | null;
  refusalReason: string | null;
  report: unknown;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  decidedAt: Date | null;
  /** When staff lifted the restriction an upheld objection or restriction put on processing. */
  liftedAt: Date | null;
  updatedAt: Date;
}

/** The one purpose an objection can be limited to today: direct marketing, which art. 21(3) stops outright. */
export const OBJECTION_PURPOSES = ['direct-marketing'] as const;
export type ObjectionPurpose = (typeof OBJECTION_PURPOSES)[number];
