import { randomUUID } from 'node:crypto';
import { only, signedIn, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * The consent ledger (issue 5): every signed-in person manages their own consents; staff and tenant
 * admins read and record a person's decisions given another way. The platform tenant asks none (404).
 * These rows run on kandidatenbank, whose staff reach everyone; where a tenant limits staff to their
 * own org units, a person outside their reach is 404 as an unknown id:
 * tenants/hallowerk/__tests__/consent-reach.spec.ts (one row per route here, so not in the matrix).
 */
const own = { ...signedIn(200), 'platform-operator': 404 };
const staffOnly = only({ staff: 200, 'tenant-admin': 200 });

/** The first purpose the tenant called declares, with its current version. */
function purposeOf(ctx: RowContext) {
  const p = ctx.target.definition?.consents[0];
  return { key: p?.key ?? 'photo', version: p?.version ?? '1' };
}

/** One jobseeker per tenant called, whose consents staff record. */
const people = new Map<string, Promise<string>>();
async function personPath(ctx: RowContext): Promise<string> {
  const tenant = ctx.target.tenant;
  if (!ctx.target.definition) return `/consents/people/${randomUUID()}`;
  if (!people.has(tenant.id)) people.set(tenant.id, ctx.t.createAccount(tenant, ['jobseeker']).then((a) => a.id));
  return `/consents/people/${await people.get(tenant.id)!}`;
}

export const rows: MatrixRow[] = [
  { route: 'GET /consents/me', own },
  {
    route: 'POST /consents/me/:purpose',
    own,
    setup: (ctx) => ({ path: `/consents/me/${purposeOf(ctx).key}`, body: { version: purposeOf(ctx).version } }),
  },
  { route: 'DELETE /consents/me/:purpose', own, setup: (ctx) => ({ path: `/consents/me/${purposeOf(ctx).key}` }) },
  { route: 'GET /consents/people/:personId', own: staffOnly, setup: async (ctx) => ({ path: await personPath(ctx) }) },
  {
    route: 'POST /consents/people/:personId/:purpose',
    own: staffOnly,
    setup: async (ctx) => ({
      path: `${await personPath(ctx)}/${purposeOf(ctx).key}`,
      body: { version: purposeOf(ctx).version, channel: 'phone' },
    }),
  },
  {
    route: 'DELETE /consents/people/:personId/:purpose',
    own: staffOnly,
    setup: async (ctx) => ({ path: `${await personPath(ctx)}/${purposeOf(ctx).key}`, body: { channel: 'phone' } }),
  },
];
