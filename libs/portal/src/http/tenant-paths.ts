import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The portal's pages carry the tenant in the path, like the mail engine's links. */
const PAGE_PATH = /^\/t\/([a-z][a-z0-9-]{1,40})(\/|$|\?)/;
const TENANT_KEY = /^[a-z][a-z0-9-]{1,40}$/;
const TOKEN = /^[A-Za-z0-9_.~-]{10,300}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Links in mail name the tenant in their query (`/verify-email?tenant=...&token=...`), as the
 * mail engine builds them. A browser opening one is sent on to the matching page; an API client
 * calling the same path without asking for HTML is left alone.
 */
const MAIL_LINKS: readonly { readonly path: RegExp; readonly page: (m: RegExpExecArray, token: string | null) => string | null }[] = [
  { path: /^\/verify-email$/, page: (_m, token) => (token ? `/verify?token=${encodeURIComponent(token)}` : null) },
  { path: /^\/reset-password$/, page: (_m, token) => (token ? `/password-reset/confirm?token=${encodeURIComponent(token)}` : null) },
  { path: /^\/alerts\/confirm$/, page: (_m, token) => (token ? `/alerts/confirm?token=${encodeURIComponent(token)}` : null) },
  { path: /^\/alerts\/manage$/, page: (_m, token) => (token ? `/alerts/manage?token=${encodeURIComponent(token)}` : null) },
  { path: /^\/rights\/confirm$/, page: (_m, token) => (token ? `/rights/confirm?token=${encodeURIComponent(token)}` : null) },
  { path: /^\/vacancies\/([0-9a-f-]{36})$/i, page: (m) => (UUID.test(m[1]) ? `/vacancies/${m[1].toLowerCase()}` : null) },
];

function wantsHtml(req: FastifyRequest): boolean {
  return String(req.headers.accept ?? '').includes('text/html');
}

/** The page a mail link opened in a browser leads to, or null when the request is not one. */
export function mailLinkTarget(req: FastifyRequest): string | null {
  if (req.method !== 'GET' || !wantsHtml(req)) return null;
  const [path, search = ''] = req.url.split('?');
  const query = new URLSearchParams(search);
  const tenant = query.get('tenant');
  if (!tenant || !TENANT_KEY.test(tenant)) return null;
  const token = query.get('token');
  for (const link of MAIL_LINKS) {
    const m = link.path.exec(path);
    if (!m) continue;
    const target = link.page(m, token && TOKEN.test(token) ? token : null);
    if (target) return `/t/${tenant}${target}`;
  }
  return null;
}

/** Mail link paths the API does not serve itself: the portal answers them (with the redirect). */
export const MAIL_LINK_PATHS = ['/verify-email', '/reset-password', '/alerts/confirm', '/alerts/manage', '/rights/confirm'] as const;

/**
 * Installed on the root server before the tenant is resolved: a page path names its tenant the way
 * the X-Tenant header does for API clients (on a tenant's own host name a different key is refused
 * by the tenant hook), and mail links opened in a browser lead to their page.
 */
export function installTenantPaths(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    const page = PAGE_PATH.exec(req.url);
    if (page) {
      req.headers['x-tenant'] = page[1];
      return done();
    }
    const target = mailLinkTarget(req);
    if (target) return void reply.code(303).header('location', target).send();
    done();
  });
}
