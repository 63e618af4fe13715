import type { FieldDefinition } from './fields.js';
import type { OrgUnitKind } from './roles.js';

/**
 * A purpose for which one org unit lets the staff of another reach its people, as its own staff
 * would, for a dated period (statement 004: an execution organisation working on behalf of the
 * municipality; the ICT supplier's support desk). Granted, revoked and every use audited by the core.
 */
export interface DelegatedAccessPurpose {
  /** Lower-case key, e.g. `execution`, `support`. */
  readonly key: string;
  /** Kinds of unit whose member staff grant access to their unit's people. */
  readonly grantorKinds: readonly OrgUnitKind[];
  /** Kinds of unit whose staff may be granted that access. */
  readonly delegateKinds: readonly OrgUnitKind[];
  /** Longest period one grant may run, in days. */
  readonly maxDays: number;
  /**
   * Whether staff under this purpose also act for the person as the unit's own staff do: record
   * the consent decisions the person gives them (statement 004: an execution organisation does
   * the municipality's work). Left out: they read what the purpose lets them read and decide
   * nothing on the person's behalf (a support desk maintaining the system).
   */
  readonly actsForPerson?: boolean;
}

/** The roles that administer accounts and may be shown a jobseeker's account identity. */
export const ACCOUNT_IDENTITY_READERS = ['staff', 'tenant-admin'] as const;
export type AccountIdentityReader = (typeof ACCOUNT_IDENTITY_READERS)[number];

/**
 * Who finds whom, and in which shape. The field declarations say which audience may read a field;
 * these rules say which profiles an audience reaches at all and when identity is revealed.
 */
export interface VisibilityRules {
  readonly candidateBank: {
    /** Roles that may search the candidate bank. */
    readonly searchers: readonly ('employer' | 'staff' | 'tenant-admin' | 'partner')[];
    /**
     * Which employers may search: every employer of the tenant, or only recruiters of organisation
     * units flagged as having access to the bank (statement 001).
     */
    readonly employerAccess: 'all-employers' | 'org-units-with-bank-access';
    /** A consent purpose the person must have granted to be found by employers (talent pool). */
    readonly requiresConsent?: string;
    /**
     * When employers see identifying fields: `unless-anonymous` (the person chose), `after-connection`
     * (only after the person accepted that employer's request), `never` (anonymous showcase).
     */
    readonly employerIdentity: 'unless-anonymous' | 'after-connection' | 'never';
    /**
     * Staff reach: every profile of the tenant, or only profiles attached to an org unit in the
     * staff member's own subtree (labour-market region, statement 004).
     */
    readonly staffScope: 'tenant' | 'own-org-units';
    /**
     * With `own-org-units`: the purposes for which a unit may let another unit's staff reach its
     * people for a dated period (see DelegatedAccessPurpose). Unset: no unit can delegate.
     */
    readonly delegatedAccess?: readonly DelegatedAccessPurpose[];
    /** How long a profile stays in the bank after activation before it must be re-confirmed. */
    readonly listedFor?: { readonly months: number };
    /**
     * Anyone on the tenant's site may open a listed profile (an anonymous showcase, statement 003),
     * seeing only fields readable by `public` and never identity. Unset: profiles are never public.
     */
    readonly publicProfiles?: boolean;
  };
  /**
   * Who sees a jobseeker's account identity (display name and sign-in address) where accounts,
   * people or applications are listed. Profile fields declare their own readers; this covers the
   * account itself, which is no profile field. Unset: each of `staff` and `tenant-admin` that may
   * read an identifying profile field (both when the tenant declares none). A role listed here
   * must be able to read an identifying profile field: the account may not reveal what the fields hide.
   */
  readonly accountIdentity?: {
    readonly jobseekers: readonly AccountIdentityReader[];
  };
  readonly applications: {
    /** Statement 001: the vacancy's contact recruiters and the employer's managers, plus staff. */
    readonly visibleTo: readonly ('vacancy-contacts' | 'employer-managers' | 'staff')[];
  };
  /**
   * Connection requests: employer asks, person accepts or declines (statement 000). A tenant that
   * enables them declares the mail templates `connection-request` (to the person) and
   * `connection-accepted` (to the employer), both in category notification.
   */
  readonly connections?: {
    readonly enabled: boolean;
    readonly staffCanReadChat: boolean;
    /** A `per-use` consent purpose recorded (scoped to the connection) each time the person accepts. */
    readonly consent?: string;
  };
}

/**
 * The roles that see a jobseeker account's name and sign-in address: as declared in
 * `visibility.accountIdentity`, or else every account-administering role that may read an
 * identifying profile field (both when no field is identifying).
 */
export function jobseekerIdentityReaders(def: {
  readonly visibility: Pick<VisibilityRules, 'accountIdentity'>;
  readonly profile: { readonly fields: readonly FieldDefinition[] };
}): readonly AccountIdentityReader[] {
  if (def.visibility.accountIdentity) return def.visibility.accountIdentity.jobseekers;
  const identifying = def.profile.fields.filter((f) => f.identifying);
  if (!identifying.length) return ACCOUNT_IDENTITY_READERS;
  return ACCOUNT_IDENTITY_READERS.filter((role) => identifying.some((f) => f.read.includes(role)));
}
