import { randomUUID } from 'node:crypto';
import { Clock } from '../../../libs/config/src/index.js';
import { RequestContext, SYSTEM } from '../../../libs/context/src/index.js';
import { TenantDb } from '../../../libs/database/src/index.js';
import { LegalHoldsService } from '../../../libs/retention/src/legal-holds.service.js';
import { RespondTokenService } from '../../../libs/retention/src/respond-token.service.js';
import { everyone, only, signedIn, type MatrixRequest, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * Retention (issue 5): the reminder link is public and answers only with a signed link of the
 * tenant called; the forecast is the tenant admin's; timelines and legal holds are for staff and
 * tenant admins; a person sees their own timeline. The platform tenant keeps no schedules (404).
 */
const staffOnly = only({ staff: 200, 'tenant-admin': 200 });

/** A date some years after the app's clock, as a hold's end. */
function yearsAhead(ctx: RowContext, years: number): string {
  const d = ctx.t.get(Clock).now();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

/** One jobseeker per tenant called, to place holds on. */
const people = new Map<string, Promise<string>>();
function person(ctx: RowContext): Promise<string> {
  const tenant = ctx.target.tenant;
  if (!people.has(tenant.id)) people.set(tenant.id, ctx.t.createAccount(tenant, ['jobseeker']).then((a) => a.id));
  return people.get(tenant.id)!;
}

/** A reminder just sent to someone in the tenant called, and the link in it. */
async function reminderLink(ctx: RowContext): Promise<MatrixRequest> {
  if (!ctx.target.definition) return { path: '/retention/respond?token=not.signed' };
  const tenant = ctx.target.tenant;
  const personId = randomUUID();
  const anchorAt = ctx.t.get(Clock).now();
  const schedule = ctx.target.definition.retention[0].key;
  await ctx.t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query(
      `INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_step, reminders_sent, next_due_at, updated_at)
       VALUES ($1, $2, $3, 'jobseeker', $4, 1, 1, $4, $4)`,
      [tx.tenantId, personId, schedule, anchorAt],
    ),
  );
  const token = ctx.t.get(RespondTokenService).sign({ t: tenant.id, p: personId, s: schedule, a: anchorAt.getTime() });
  return { path: `/retention/respond?token=${token}` };
}

/** A hold on the tenant's person, for the routes that change one; an unknown id on the platform tenant. */
const onHold = (body?: (ctx: RowContext) => unknown) => async (ctx: RowContext): Promise<MatrixRequest> => {
  if (!ctx.target.definition) return { path: `/retention/holds/${randomUUID()}`, body: body?.(ctx) };
  const personId = await person(ctx);
  const hold = await RequestContext.run({ tenant: ctx.target.tenant, actor: SYSTEM }, () =>
    ctx.t.get(LegalHoldsService).place(SYSTEM, { personId, reason: 'Subsidy scheme', endsAt: yearsAhead(ctx, 5) }),
  );
  return { path: `/retention/holds/${hold.id}`, body: body?.(ctx) };
};

export const rows: MatrixRow[] = [
  // GET shows the page with the button (it changes nothing); POST is the button and answers.
  { route: 'GET /retention/respond', own: { ...everyone(200), 'platform-operator': 400 }, otherTenant: 200, setup: reminderLink },
  { route: 'POST /retention/respond', own: { ...everyone(200), 'platform-operator': 400 }, otherTenant: 200, setup: reminderLink },
  { route: 'GET /retention/forecast', own: only({ 'tenant-admin': 200 }), setup: () => ({ path: '/retention/forecast?days=30' }) },
  {
    route: 'GET /retention/people/:personId/timeline',
    own: staffOnly,
    setup: async (ctx) => ({ path: `/retention/people/${ctx.target.definition ? await person(ctx) : randomUUID()}/timeline` }),
  },
  { route: 'GET /retention/me', own: { ...signedIn(200), 'platform-operator': 404 } },
  {
    route: 'POST /retention/holds',
    own: only({ staff: 201, 'tenant-admin': 201 }),
    setup: async (ctx) => ({
      body: {
        personId: ctx.target.definition ? await person(ctx) : randomUUID(),
        reason: 'Subsidy scheme',
        endsAt: yearsAhead(ctx, 5),
      },
    }),
  },
  { route: 'GET /retention/holds', own: staffOnly },
  { route: 'PATCH /retention/holds/:id', own: staffOnly, setup: onHold((ctx) => ({ endsAt: yearsAhead(ctx, 6) })) },
  { route: 'DELETE /retention/holds/:id', own: staffOnly, setup: onHold() },
];
