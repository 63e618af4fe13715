/** The lifecycle of a candidate-bank profile. */
export const PROFILE_STATES = ['draft', 'active', 'inactive', 'anonymous'] as const;
export type ProfileState = (typeof PROFILE_STATES)[number];

/** States in which a profile is listed in the candidate bank (anonymous: listed without identity). */
export const LISTED_STATES: readonly ProfileState[] = ['active', 'anonymous'];
