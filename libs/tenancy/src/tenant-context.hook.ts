import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext, ANONYMOUS, type TenantRef } from '../../context/src/index.js';
import type { TenantsService } from './tenants.service.js';

/** Header naming the tenant for API clients that do not call a tenant's own host name. */
export const TENANT_HEADER = 'x-tenant';

/** Paths served without a tenant (the portal's site picker and its stylesheet among them). */
const TENANTLESS = [/^\/health(\/|$)/, /^\/metrics(\?|$)/, /^\/docs(\/|$|-json)/, /^\/favicon\.ico$/, /^\/(\?|$)/, /^\/assets\/portal\.[0-9a-f]+\.css$/];

function problem(reply: FastifyReply, status: number, title: string, detail: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, detail });
}

/**
 * Resolves the tenant from the host name (a tenant's own domain) or, for API clients, the X-Tenant
 * header, and runs the rest of the request inside its context. Installed as a preHandler so the
 * context wraps guards, pipes and the handler after the body has been read.
 */
export function installTenantContext(fastify: FastifyInstance, tenants: TenantsService): void {
  fastify.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const requestId = String(req.id);
    const path = req.url.split('?')[0];
    if (TENANTLESS.some((p) => p.test(path))) {
      RequestContext.run({ requestId, actor: ANONYMOUS }, () => done());
      return;
    }
    resolve(req, tenants).then(
      (result) => {
        if ('error' in result) return void problem(reply, 404, 'Not Found', result.error);
        // The host stays in the context: on a tenant with labels it selects the label's brand.
        const host = (req.hostname ?? '').toLowerCase().replace(/:\d+$/, '') || undefined;
        RequestContext.run({ requestId, tenant: result.tenant, actor: ANONYMOUS, host }, () => done());
      },
      (err: Error) => done(err),
    );
  });
}

async function resolve(
  req: FastifyRequest,
  tenants: TenantsService,
): Promise<{ tenant: TenantRef } | { error: string }> {
  const header = req.headers[TENANT_HEADER];
  const key = Array.isArray(header) ? header[0] : header;
  const byHost = await tenants.byHost(req.hostname ?? '');
  if (byHost) {
    if (key && key !== byHost.key) return { error: 'The X-Tenant header does not match this host' };
    return { tenant: byHost };
  }
  if (!key) return { error: 'Unknown tenant: call a tenant host name or send the X-Tenant header' };
  const byKey = await tenants.byKey(key);
  return byKey ? { tenant: byKey } : { error: `Unknown tenant "${key}"` };
}
