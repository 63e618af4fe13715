import { randomUUID } from 'node:crypto';
import { only, type MatrixRow } from './matrix.types.js';

/** The refugee-talent-pool tenant's own routes (statement 000); for other tenants they do not exist. */
const PLUGIN = 'refugee-talent-pool';

export const rows: MatrixRow[] = [
  { route: 'GET /refugeework/reputation', plugin: PLUGIN, own: only({ jobseeker: 200 }) },
  {
    route: 'GET /refugeework/people/:personId/reputation',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: () => ({ path: `/refugeework/people/${randomUUID()}/reputation` }),
  },
  {
    route: 'POST /refugeework/people/:personId/placements',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: (ctx) => ({
      path: `/refugeework/people/${randomUUID()}/placements`,
      body: { employerOrgUnitId: ctx.target.employerUnitId, jobTitle: 'Carpenter', startedOn: '2026-01-05' },
    }),
  },
  {
    route: 'PATCH /refugeework/placements/:id',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/placements/${randomUUID()}`, body: { jobTitle: 'Foreman' } }),
  },
  {
    route: 'DELETE /refugeework/placements/:id',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/placements/${randomUUID()}` }),
  },
  { route: 'GET /refugeework/placements', plugin: PLUGIN, own: only({ employer: 200 }) },
  {
    route: 'POST /refugeework/placements/:id/review',
    plugin: PLUGIN,
    own: only({ employer: 404 }),
    setup: () => ({ path: `/refugeework/placements/${randomUUID()}/review`, body: { stars: 4, assessment: 'Reliable.' } }),
  },
  {
    route: 'POST /refugeework/objections',
    plugin: PLUGIN,
    own: only({ jobseeker: 201, employer: 201 }),
    setup: () => ({ body: { reason: 'I object to matching.' } }),
  },
  { route: 'GET /refugeework/objections', plugin: PLUGIN, own: only({ staff: 200 }) },
  {
    route: 'POST /refugeework/objections/:id/resolve',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/objections/${randomUUID()}/resolve`, body: { outcome: 'processing-continues', reason: 'Matching is needed to run the pool.' } }),
  },
  {
    route: 'POST /refugeework/objections/:id/lift',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/objections/${randomUUID()}/lift`, body: { reason: 'You asked to be listed again.' } }),
  },
  {
    route: 'DELETE /refugeework/objections/:id/lift',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/objections/${randomUUID()}/lift` }),
  },
  { route: 'GET /refugeework/job-feed', plugin: PLUGIN, own: only({ jobseeker: 200 }) },
  { route: 'GET /refugeework/account/data', plugin: PLUGIN, own: only({ jobseeker: 200, employer: 200 }) },
  {
    route: 'POST /refugeework/account/deletion',
    plugin: PLUGIN,
    own: only({ jobseeker: 200 }),
    // A throw-away account: the matrix's own jobseeker is needed by the rows after this one.
    setup: async (ctx) => ({
      body: { confirm: true },
      ...(ctx.role === 'jobseeker' && ctx.side === 'own' ? { token: (await ctx.freshActor()).token } : {}),
    }),
  },
  {
    route: 'POST /refugeework/business-contacts/:accountId/contract-end',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/business-contacts/${randomUUID()}/contract-end`, body: { endedOn: '2025-12-31' } }),
  },
  {
    route: 'DELETE /refugeework/business-contacts/:accountId/contract-end',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/refugeework/business-contacts/${randomUUID()}/contract-end` }),
  },
];
