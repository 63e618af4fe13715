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
    /** How long a profile stays in the bank after activation before it must be re-confirmed. */
    readonly listedFor?: { readonly months: number };
    /**
     * Anyone on the tenant's site may open a listed profile (an anonymous showcase, statement 003),
     * seeing only fields readable by `public` and never identity. Unset: profiles are never public.
     */
    readonly publicProfiles?: boolean;
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
