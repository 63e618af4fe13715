import type { TenantRef } from '../../../libs/context/src/index.js';
import { only, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * Accounts are the tenant administrators'. GET /accounts runs on refugee-talent-pool, whose
 * statement keeps jobseekers' identity from administrators: a jobseeker with a known name and
 * sign-in address is there, and no answer to anyone may carry either.
 */
const HIDDEN_NAME = 'Matrix Hidden Jobseekername';
const HIDDEN_ADDRESS = 'matrix-hidden-jobseeker@example.test';

const seeded = new Map<string, Promise<unknown>>();
function hiddenJobseeker(ctx: RowContext): Promise<unknown> {
  const tenant: TenantRef = ctx.target.tenant;
  if (!ctx.target.definition) return Promise.resolve();
  if (!seeded.has(tenant.id))
    seeded.set(tenant.id, ctx.t.createAccount(tenant, ['jobseeker'], { email: HIDDEN_ADDRESS, displayName: HIDDEN_NAME }));
  return seeded.get(tenant.id)!;
}

export const rows: MatrixRow[] = [
  {
    route: 'POST /accounts',
    own: only({ 'tenant-admin': 201 }),
    setup: (ctx) => ({
      body: {
        email: `new-${ctx.unique()}@example.test`,
        displayName: 'New colleague',
        password: 'a-long-enough-passphrase',
        roles: ['staff'],
      },
    }),
    never: ['a-long-enough-passphrase'],
  },
  {
    route: 'GET /accounts',
    plugin: 'refugee-talent-pool',
    own: only({ 'tenant-admin': 200 }),
    setup: async (ctx) => {
      await hiddenJobseeker(ctx);
      return {};
    },
    never: [HIDDEN_NAME, HIDDEN_ADDRESS, 'matrix-hidden-jobseeker'],
  },
];
