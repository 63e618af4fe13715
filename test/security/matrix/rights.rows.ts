import { randomUUID } from 'node:crypto';
import { RequestContext, SYSTEM } from '../../../libs/context/src/index.js';
import { TenantDb } from '../../../libs/database/src/index.js';
import { RightsRequestsService } from '../../../libs/rights/src/index.js';
import {
  everyone,
  only,
  signedIn,
  type MatrixRequest,
  type MatrixRow,
  type RowContext,
} from './matrix.types.js';

/**
 * Data-subject requests (issue 14): every signed-in person asks for themself and sees who opened
 * their dossier; staff and tenant admins enter, follow and decide requests; an export link only
 * works for its own person; the processing register is public. The platform tenant keeps no
 * candidates (404).
 */
const own = { ...signedIn(200), 'platform-operator': 404 };
const staffOnly = only({ staff: 200, 'tenant-admin': 200 });

/** One jobseeker per tenant called, whom requests are about. */
const people = new Map<string, Promise<string>>();
function person(ctx: RowContext): Promise<string> {
  const tenant = ctx.target.tenant;
  if (!people.has(tenant.id))
    people.set(
      tenant.id,
      ctx.t.createAccount(tenant, ['jobseeker']).then((a) => a.id),
    );
  return people.get(tenant.id)!;
}

/** A fresh request received by post about the tenant's jobseeker; an unknown id on the platform tenant. */
const onRequest =
  (suffix: string, body?: unknown) =>
  async (ctx: RowContext): Promise<MatrixRequest> => {
    if (!ctx.target.definition) return { path: `/rights/requests/${randomUUID()}${suffix}`, body };
    const personId = await person(ctx);
    const request = await RequestContext.run({ tenant: ctx.target.tenant, actor: SYSTEM }, () =>
      ctx.t
        .get(RightsRequestsService)
        .enter({ actor: SYSTEM, personId, kind: 'rectification', source: 'post' }),
    );
    return { path: `/rights/requests/${request.id}${suffix}`, body };
  };

/**
 * The tenant's jobseeker with an upheld restriction (entered by post, decided): each call finds one
 * to lift. An unknown person on the platform tenant.
 */
const onUpheldRestriction =
  (body?: unknown) =>
  async (ctx: RowContext): Promise<MatrixRequest> => {
    if (!ctx.target.definition) return { path: `/rights/people/${randomUUID()}/processing`, body };
    const personId = await person(ctx);
    await RequestContext.run({ tenant: ctx.target.tenant, actor: SYSTEM }, async () => {
      const r = await ctx.t
        .get(RightsRequestsService)
        .enter({ actor: SYSTEM, personId, kind: 'restriction', source: 'post' });
      await ctx.t
        .get(TenantDb)
        .forTenant(ctx.target.tenant, (tx) =>
          tx.query(
            `UPDATE rights_requests SET status = 'completed', decided_at = now() WHERE tenant_id = $1 AND id = $2`,
            [tx.tenantId, r.id],
          ),
        );
    });
    return { path: `/rights/people/${personId}/processing`, body };
  };

/** As above, with the lift of the person's restriction announced (its notice running), for withdrawing it. */
const onAnnouncedLift =
  () =>
  async (ctx: RowContext): Promise<MatrixRequest> => {
    const req = await onUpheldRestriction()(ctx);
    if (!ctx.target.definition) return { path: `${req.path}/lift` };
    await RequestContext.run({ tenant: ctx.target.tenant, actor: SYSTEM }, () =>
      ctx.t.get(TenantDb).forTenant(ctx.target.tenant, (tx) =>
        tx.query(
          `UPDATE processing_restriction_holders SET lifts_on = current_date + 7, lift_announced_at = now(), lift_reason = 'the objection no longer applies'
            WHERE tenant_id = $1 AND person_id = $2::uuid AND lifted_at IS NULL AND lifts_on IS NULL`,
          [tx.tenantId, req.path!.split('/')[3]],
        ),
      ),
    );
    return { path: `${req.path}/lift` };
  };

export const rows: MatrixRow[] = [
  {
    route: 'POST /rights/requests/me',
    own: { ...signedIn(201), 'platform-operator': 404 },
    setup: () => ({ body: { kind: 'access' } }),
  },
  { route: 'GET /rights/requests/me', own },
  // Only the person's own export has a progress; a request of no one's export is unknown to all
  // (the person's own is read in libs/rights/src/__tests__/export-archive.spec.ts).
  {
    route: 'GET /rights/requests/me/:id/export',
    own: signedIn(404),
    setup: () => ({ path: `/rights/requests/me/${randomUUID()}/export` }),
  },
  { route: 'GET /rights/dossier-openings/me', own },
  { route: 'GET /rights/overview/me', own },
  // Answered alike for every caller and address: whether an account exists is never told.
  {
    route: 'POST /rights/requests/by-email',
    own: everyone(202),
    otherTenant: 202,
    setup: () => ({ body: { email: 'someone@example.org', kind: 'access' } }),
  },
  // Only a mailed token works; one nobody was sent is unknown to everyone.
  {
    route: 'POST /rights/requests/confirm',
    own: { ...everyone(404) },
    otherTenant: 404,
    setup: () => ({ body: { token: 'not-a-token-anyone-was-sent' } }),
  },
  // A token nobody was mailed: unknown to everyone, whoever asks.
  {
    route: 'GET /rights/exports/:token',
    own: signedIn(404),
    setup: () => ({ path: `/rights/exports/${randomUUID()}` }),
  },
  {
    route: 'POST /rights/requests',
    own: only({ staff: 201, 'tenant-admin': 201 }),
    setup: async (ctx) => ({
      body: {
        kind: 'erasure',
        source: 'phone',
        personId: ctx.target.definition ? await person(ctx) : randomUUID(),
      },
    }),
  },
  {
    route: 'GET /rights/requests',
    own: staffOnly,
    setup: () => ({ path: '/rights/requests?overdue=false' }),
  },
  { route: 'GET /rights/requests/:id', own: staffOnly, setup: onRequest('') },
  {
    route: 'POST /rights/requests/:id/status',
    own: staffOnly,
    setup: onRequest('/status', { status: 'identity-verified' }),
  },
  {
    route: 'POST /rights/requests/:id/extension',
    own: staffOnly,
    setup: onRequest('/extension', { reason: 'The file is partly in the paper archive' }),
  },
  {
    route: 'GET /rights/people/:personId/processing',
    own: staffOnly,
    setup: onUpheldRestriction(),
  },
  // Lifting is a decision: the tenant's declared deciders (by default staff and tenant admins).
  {
    route: 'POST /rights/people/:personId/processing',
    own: staffOnly,
    setup: onUpheldRestriction({ restricted: false, reason: 'The objection no longer applies' }),
  },
  // Withdrawing an announced lift is a decision too; the person stays restricted.
  {
    route: 'DELETE /rights/people/:personId/processing/lift',
    own: staffOnly,
    setup: onAnnouncedLift(),
  },
  {
    route: 'GET /rights/register',
    own: { ...everyone(200), 'platform-operator': 404 },
    otherTenant: 200,
  },
  {
    route: 'GET /rights/register.html',
    own: { ...everyone(200), 'platform-operator': 404 },
    otherTenant: 200,
  },
];
