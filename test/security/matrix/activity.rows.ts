import { randomUUID } from 'node:crypto';
import { only, signedIn, type MatrixRow } from './matrix.types.js';

/**
 * Recorded activity (libs/activity; statement 004 in tenants/hallowerk/__tests__/activity.spec.ts).
 * Every signed-in person reads their own (nothing where the tenant records none); staff read a
 * jobseeker's only within their reach, so the matrix's staff member, who reaches nobody, gets 404.
 */
export const rows: MatrixRow[] = [
  { route: 'GET /activity/me', plugin: 'hallowerk', own: signedIn(200) },
  {
    route: 'GET /activity/people/:personId',
    plugin: 'hallowerk',
    own: only({ staff: 404 }),
    setup: () => ({ path: `/activity/people/${randomUUID()}` }),
  },
];
