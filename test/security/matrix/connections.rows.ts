import { randomUUID } from 'node:crypto';
import { only, type MatrixRow } from './matrix.types.js';

/**
 * Connections and chat (statement 000, tenant refugee-talent-pool). An id nobody is party to:
 * whoever may call the route at all learns only "not found".
 */
const PLUGIN = 'refugee-talent-pool';
const unknown = (suffix = '') => () => ({ path: `/connections/${randomUUID()}${suffix}` });

export const rows: MatrixRow[] = [
  { route: 'POST /connections', plugin: PLUGIN, own: only({ employer: 404 }), setup: () => ({ body: { profileHandle: 'AAAAAAAAAAAAAAAAAAAAAA' } }) },
  { route: 'GET /connections', plugin: PLUGIN, own: only({ employer: 200, jobseeker: 200 }) },
  {
    route: 'GET /connections/people/:personId',
    plugin: PLUGIN,
    // A person staff do not reach (here: nobody) is unknown, as on the profile route.
    own: only({ staff: 404 }),
    setup: () => ({ path: `/connections/people/${randomUUID()}` }),
  },
  { route: 'POST /connections/:id/accept', plugin: PLUGIN, own: only({ jobseeker: 404 }), setup: unknown('/accept') },
  { route: 'POST /connections/:id/decline', plugin: PLUGIN, own: only({ jobseeker: 404 }), setup: unknown('/decline') },
  { route: 'POST /connections/:id/withdraw', plugin: PLUGIN, own: only({ employer: 404, jobseeker: 404 }), setup: unknown('/withdraw') },
  {
    route: 'GET /connections/:id/messages',
    plugin: PLUGIN,
    own: only({ employer: 404, jobseeker: 404, staff: 404 }),
    setup: unknown('/messages'),
  },
  {
    route: 'POST /connections/:id/messages',
    plugin: PLUGIN,
    own: only({ employer: 404, jobseeker: 404 }),
    setup: () => ({ ...unknown('/messages')(), body: { body: 'Hello' } }),
  },
];
