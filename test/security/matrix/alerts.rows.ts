import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from '../../../libs/config/src/index.js';
import { TenantDb } from '../../../libs/database/src/index.js';
import { AlertLinksService } from '../../../libs/alerts/src/alert-links.service.js';
import { everyone, type MatrixRequest, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * Vacancy alerts (statement 001; statement 003, 2.5): open to everyone, no account. The signed link
 * is the only key to a subscription, so every caller holding a link of the tenant called gets its
 * answer, and a token of another tenant is worth nothing (the platform tenant offers no alerts: 404).
 */
const offered = (status: number) => ({ ...everyone(status), 'platform-operator': 404 });

/** A well-formed token nobody was ever sent. */
const forged = () => randomBytes(37).toString('base64url');

/** A subscriber with one alert in the tenant called, written straight to the database. */
async function subscription(ctx: RowContext, confirmed: boolean) {
  const at = ctx.t.get(Clock).now();
  const tenant = ctx.target.tenant;
  const ids = await ctx.t.get(TenantDb).forTenant(tenant, async (tx) => {
    const [s] = await tx.query<{ id: string }>(
      `INSERT INTO alert_subscribers (tenant_id, name, email, locale, created_at) VALUES ($1, 'Matrix', $2, 'nl', $3) RETURNING id`,
      [tx.tenantId, `alert-${ctx.unique()}@example.test`, at],
    );
    const [a] = await tx.query<{ id: string }>(
      `INSERT INTO vacancy_alerts (tenant_id, subscriber_id, keywords, frequency, confirmed_at, matched_until, last_digest_at, created_at)
       VALUES ($1, $2, 'monteur', 'immediate', $3, $3, $3, $4) RETURNING id`,
      [tx.tenantId, s.id, confirmed ? at : null, at],
    );
    return { subscriberId: s.id, alertId: a.id };
  });
  const links = ctx.t.get(AlertLinksService);
  return {
    ...ids,
    confirmToken: links.sign(tenant.id, 'confirm', ids.alertId),
    manageToken: links.sign(tenant.id, 'manage', ids.subscriberId, 1),
  };
}

/** A manage request on a fresh subscription; on the platform tenant a forged token. */
const managing = (path: (alertId: string) => string, body?: unknown) => async (ctx: RowContext): Promise<MatrixRequest> => {
  if (!ctx.target.definition) return { path: `${path(randomUUID())}?token=${forged()}`, body };
  const s = await subscription(ctx, true);
  return { path: `${path(s.alertId)}?token=${s.manageToken}`, body };
};

export const rows: MatrixRow[] = [
  {
    route: 'POST /alerts',
    own: offered(202),
    otherTenant: 202,
    setup: (ctx) => ({ body: { name: 'Matrix', email: `alert-${ctx.unique()}@example.test`, keywords: 'monteur', frequency: 'daily' } }),
  },
  {
    route: 'POST /alerts/confirm',
    own: offered(200),
    otherTenant: 200,
    setup: async (ctx) => ({ body: { token: ctx.target.definition ? (await subscription(ctx, false)).confirmToken : forged() } }),
  },
  { route: 'GET /alert-subscription', own: offered(200), otherTenant: 200, setup: managing(() => '/alert-subscription') },
  {
    route: 'POST /alert-subscription/alerts',
    own: offered(201),
    otherTenant: 201,
    setup: managing(() => '/alert-subscription/alerts', { keywords: 'lasser', frequency: 'daily' }),
  },
  {
    route: 'PATCH /alert-subscription/alerts/:alertId',
    own: offered(200),
    otherTenant: 200,
    setup: managing((id) => `/alert-subscription/alerts/${id}`, { frequency: 'daily' }),
  },
  {
    route: 'DELETE /alert-subscription/alerts/:alertId',
    own: offered(200),
    otherTenant: 200,
    setup: managing((id) => `/alert-subscription/alerts/${id}`),
  },
  { route: 'DELETE /alert-subscription', own: offered(204), otherTenant: 204, setup: managing(() => '/alert-subscription') },
];
