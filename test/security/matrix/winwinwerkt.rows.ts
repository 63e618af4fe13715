import { only, type MatrixRow } from './matrix.types.js';

/** The winwinwerkt tenant's own routes (statement 003); for other tenants they do not exist. */
const PLUGIN = 'winwinwerkt';

export const rows: MatrixRow[] = [
  {
    route: 'POST /winwinwerkt/me/statement-acceptances',
    plugin: PLUGIN,
    // Only a candidate accepts the statement for themself.
    own: only({ jobseeker: 201 }),
    setup: () => ({ body: { version: '1.3', occasion: 'registration' } }),
  },
  {
    route: 'POST /winwinwerkt/me/leave-for-good',
    plugin: PLUGIN,
    own: only({ jobseeker: 200 }),
    // A throw-away account: the matrix's own jobseeker is needed by the rows after this one.
    setup: async (ctx) => ({
      body: { confirm: true },
      ...(ctx.role === 'jobseeker' && ctx.side === 'own' ? { token: (await ctx.freshActor()).token } : {}),
    }),
  },
];
