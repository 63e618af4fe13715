import { randomUUID } from 'node:crypto';
import { only, type MatrixRow } from './matrix.types.js';

/** The hallowerk tenant's own routes (statement 004); for other tenants they do not exist. */
const PLUGIN = 'hallowerk';

export const rows: MatrixRow[] = [
  {
    route: 'POST /hallowerk/imports',
    plugin: PLUGIN,
    // Only staff of a municipality import, into their own municipality; the matrix's staff member
    // belongs to none, so every caller is refused (the import itself: tenants/hallowerk/__tests__).
    own: only({}),
    setup: () => ({ body: { csv: 'email,clientNumber,firstName,lastName\nx@mail.example,K1,A,B', dryRun: true } }),
  },
  {
    route: 'POST /hallowerk/people/:personId/end-of-service',
    plugin: PLUGIN,
    // Staff may call it; a person out of their reach (here: none) is a 404, never a hint.
    own: only({ staff: 404 }),
    setup: () => ({ path: `/hallowerk/people/${randomUUID()}/end-of-service` }),
  },
];
