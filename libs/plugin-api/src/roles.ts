/** Roles an account can hold. Platform operators live in the platform tenant and see no candidate data. */
export const ROLES = ['platform-operator', 'tenant-admin', 'staff', 'employer', 'jobseeker', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who reads or writes a field. `self` is the person the data is about; `employer-connected` is an
 * employer the person accepted a connection request from (statement 000); `public` is anyone on the
 * tenant's site. Staff-like audiences may be narrowed by org unit in the visibility rules.
 */
export const AUDIENCES = [
  'self',
  'staff',
  'tenant-admin',
  'employer',
  'employer-connected',
  'partner',
  'public',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Writers: the person, staff roles, or the platform itself (generated data). */
export const WRITERS = ['self', 'staff', 'tenant-admin', 'system'] as const;
export type Writer = (typeof WRITERS)[number];

/** Kinds of organisation unit a tenant can build its hierarchy from. */
export const ORG_UNIT_KINDS = [
  'employer',
  'municipality',
  'region',
  'brand',
  'partner-organisation',
  'team',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
