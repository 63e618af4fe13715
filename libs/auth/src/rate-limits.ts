import rateLimit from '@fastify/rate-limit';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { normaliseEmail } from './sign-in-throttle.service.js';

/**
 * The public routes a stranger can call to guess a password or a token, to flood someone's mailbox
 * or to probe, by group. Every public route that changes something is here (a test checks it),
 * except the bounce webhooks, which need the provider's shared secret.
 */
export const RATE_LIMITED_ROUTES: Record<string, RateLimitGroup> = {
  'POST /auth/login': 'sign-in',
  'POST /auth/refresh': 'refresh',
  'POST /auth/password-reset': 'password-reset',
  // Each of these mails the address it names.
  'POST /profiles/register': 'registration',
  'POST /alerts': 'registration',
  'POST /rights/requests/by-email': 'registration',
  // Every use of a link or token from a mail.
  'POST /auth/password-reset/confirm': 'mail-links',
  'POST /profiles/verify-email': 'mail-links',
  'POST /alerts/confirm': 'mail-links',
  'POST /rights/requests/confirm': 'mail-links',
  'GET /alert-subscription': 'mail-links',
  'DELETE /alert-subscription': 'mail-links',
  'POST /alert-subscription/alerts': 'mail-links',
  'PATCH /alert-subscription/alerts/:alertId': 'mail-links',
  'DELETE /alert-subscription/alerts/:alertId': 'mail-links',
  'GET /retention/respond': 'mail-links',
  'POST /retention/respond': 'mail-links',
  'GET /mail/t/:tenant/unsubscribe': 'mail-links',
  'POST /mail/t/:tenant/unsubscribe': 'mail-links',
  'GET /mail/t/:tenant/preferences': 'mail-links',
  'PUT /mail/t/:tenant/preferences': 'mail-links',
};

/**
 * A tenant module's own public route that changes something (statement 003's contact forms) joins
 * a group, so it is limited like the core's; called when the tenant's controller file loads.
 */
export function rateLimitRoute(route: string, group: RateLimitGroup): void {
  RATE_LIMITED_ROUTES[route] = group;
}

export type RateLimitGroup =
  'sign-in' | 'refresh' | 'password-reset' | 'registration' | 'mail-links' | 'machine-credentials';

/** Where `RateLimited` puts a route's group: Fastify's own route config, read by the preHandler. */
export const RATE_LIMIT_GROUP_CONFIG = 'rateLimitGroup';

/**
 * Puts a route under a rate-limit group from where it is declared: a tenant's own public route
 * (a machine-credential API) cannot be listed in RATE_LIMITED_ROUTES, which names core routes only.
 * A public route that changes something needs this or an entry there (a test checks it).
 */
export const RateLimited = (group: RateLimitGroup) => RouteConfig({ [RATE_LIMIT_GROUP_CONFIG]: group });

/** The group of a request's route: the core's list first, then the route's own declaration. */
export function rateLimitGroupOf(route: string, config: unknown): RateLimitGroup | undefined {
  return RATE_LIMITED_ROUTES[route] ?? ((config as Record<string, unknown> | undefined)?.[RATE_LIMIT_GROUP_CONFIG] as RateLimitGroup | undefined);
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Set by the last preHandler: the request got past tenant resolution (so a 404 is not "unknown tenant"). */
const PAST_TENANT = Symbol('pastTenantResolution');

function groupLimits(
  config: AppConfig,
): Record<RateLimitGroup, { perClient: number; perAddress?: number }> {
  return {
    'sign-in': {
      perClient: config.RATE_LIMIT_SIGN_IN_PER_CLIENT,
      perAddress: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS,
    },
    refresh: { perClient: config.RATE_LIMIT_REFRESH_PER_CLIENT },
    'password-reset': {
      perClient: config.RATE_LIMIT_PASSWORD_RESET_PER_CLIENT,
      perAddress: config.RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS,
    },
    registration: {
      perClient: config.RATE_LIMIT_REGISTRATION_PER_CLIENT,
      perAddress: config.RATE_LIMIT_REGISTRATION_PER_ADDRESS,
    },
    'mail-links': { perClient: config.RATE_LIMIT_MAIL_LINKS_PER_CLIENT },
    'machine-credentials': { perClient: config.RATE_LIMIT_MACHINE_CREDENTIALS_PER_CLIENT },
  };
}

/** The tenant and the normalised e-mail address of the body, when it has one. */
function addressOf(req: FastifyRequest): string | null {
  const email = (req.body as { email?: unknown } | null)?.email;
  const tenant = RequestContext.tenantOrNull();
  return tenant && typeof email === 'string' && email.length <= 254
    ? `${tenant.id}\n${normaliseEmail(email)}`
    : null;
}

function tooMany(reply: FastifyReply, seconds: number, detail: string) {
  return reply
    .code(429)
    .header('retry-after', String(Math.max(1, seconds)))
    .type('application/problem+json')
    .send({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail });
}

/**
 * Rate limits with @fastify/rate-limit (its counting, windows and bounded LRU store; we only choose
 * the keys): per client address and, where the body names an e-mail address, per address within
 * the tenant, on every route a stranger can use to guess, flood a mailbox or probe. A client that
 * keeps naming unknown tenants waits too, before any lookup. Counters live in this process; the
 * growing delay per address (SignInThrottle) lives in the database and holds across processes.
 */
export async function installRateLimits(
  fastify: FastifyInstance,
  config: AppConfig,
): Promise<void> {
  await fastify.register(rateLimit, { global: false });
  const timeWindow = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const limiters = new Map<RateLimitGroup, { client: Limiter; address?: Limiter }>();
  for (const [group, max] of Object.entries(groupLimits(config)) as [
    RateLimitGroup,
    { perClient: number; perAddress?: number },
  ][])
    limiters.set(group, {
      client: fastify.createRateLimit({ max: max.perClient, timeWindow }),
      address: max.perAddress
        ? fastify.createRateLimit({
            max: max.perAddress,
            timeWindow,
            keyGenerator: (req) => addressOf(req) ?? '',
          })
        : undefined,
    });
  const unknownTenant = fastify.createRateLimit({
    max: config.RATE_LIMIT_UNKNOWN_TENANT_PER_CLIENT,
    timeWindow,
  });

  fastify.addHook('onRequest', async (req, reply) => {
    const seen = await unknownTenant(req, { increment: false });
    if (!seen.isAllowed && seen.remaining === 0)
      return tooMany(
        reply,
        seen.ttlInSeconds,
        'Too many requests for unknown tenants; try again later',
      );
  });

  fastify.addHook('preHandler', async (req, reply) => {
    (req as unknown as Record<symbol, boolean>)[PAST_TENANT] = true;
    const group = rateLimitGroupOf(`${req.method} ${req.routeOptions.url}`, req.routeOptions.config);
    if (!group) return;
    const limiter = limiters.get(group)!;
    const byClient = await limiter.client(req);
    if (!byClient.isAllowed && byClient.isExceeded)
      return tooMany(reply, byClient.ttlInSeconds, 'Too many requests; try again later');
    if (!limiter.address || !addressOf(req)) return;
    const byAddress = await limiter.address(req);
    if (!byAddress.isAllowed && byAddress.isExceeded)
      return tooMany(
        reply,
        byAddress.ttlInSeconds,
        'Too many requests for this address; try again later',
      );
  });

  // The tenant hook answers an unknown tenant with a 404 before any later preHandler runs.
  fastify.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 404 && !(req as unknown as Record<symbol, boolean>)[PAST_TENANT])
      await unknownTenant(req);
  });
}
