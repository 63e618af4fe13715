import type { PersonKind, Role } from '../../plugin-api/src/index.js';

/** Which retention schedule an account falls under; staff accounts follow employment, not us. */
export function personKindOf(roles: readonly Role[]): PersonKind | null {
  if (roles.includes('jobseeker')) return 'jobseeker';
  if (roles.includes('employer')) return 'employer-contact';
  if (roles.includes('partner')) return 'partner-staff';
  return null;
}
