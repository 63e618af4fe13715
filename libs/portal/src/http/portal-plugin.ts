import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../../../config/src/index.js';
import type { TenantRegistry, TenantsService } from '../../../tenancy/src/index.js';
import { buildStylesheet } from '../branding/stylesheet.js';
import type { AccountGateway } from '../session/account-gateway.js';
import { COOKIES } from '../session/cookies.js';
import type { PortalServices } from '../portal-services.js';
import type { DevMailbox } from '../dev/dev-mailbox.js';
import type { PageRoute } from './page.js';
import { PageRunner } from './page-runner.js';
import { renderPicker } from './picker.js';
import { MAIL_LINK_PATHS, mailLinkTarget } from './tenant-paths.js';
import { MAIL_FRAME_POLICY, newNonce, pagePolicy } from './security-headers.js';
import { partialFiles, portalHandlebars, VIEWS_DIR } from './views.js';

export interface PortalDeps {
  readonly config: AppConfig;
  readonly services: PortalServices;
  readonly gateway: AccountGateway;
  readonly tenants: TenantsService;
  readonly registry: TenantRegistry;
  readonly routes: readonly PageRoute[];
  readonly mailbox: DevMailbox | null;
}

/** Form posts of the portal: up to 256 KB (a profile with its texts), fields as text. */
const FORM_LIMIT = 256 * 1024;
const FORM = 'application/x-www-form-urlencoded';

/**
 * The web portal as one encapsulated Fastify plugin: its cookie, CSRF, view and rate-limit
 * plugins, its form parser, its security headers and its error pages stay inside it, so the
 * JSON API keeps refusing form posts and never reads a cookie.
 */
export async function portalPlugin(scope: FastifyInstance, deps: PortalDeps): Promise<void> {
  const production = deps.config.isProduction;
  const stylesheet = buildStylesheet(readFileSync(new URL('../assets/portal.css', import.meta.url), 'utf8'));

  // The root's form parser (the mail engine's, for one-click unsubscribe) is replaced in here only:
  // every field as text, a repeated field keeping its last value (the forms never repeat one).
  if (scope.hasContentTypeParser(FORM)) scope.removeContentTypeParser(FORM);
  await scope.register(fastifyFormbody, { bodyLimit: FORM_LIMIT, parser: (body: string) => Object.fromEntries(new URLSearchParams(body)) });

  await scope.register(fastifyCookie);
  await scope.register(fastifyCsrf, {
    cookieKey: (production ? '__Secure-' : '') + COOKIES.csrf.name,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: production },
    // A token is bound to the tenant and the page session it was made for.
    getUserInfo: (req: FastifyRequest) => PageRunner.userInfo(req),
    getToken: (req: FastifyRequest) => PageRunner.csrfTokenOf(req),
    csrfOpts: { hmacKey: Buffer.from(hkdfSync('sha256', deps.config.JWT_SECRET, 'portal-csrf', 'portal-csrf-v1', 32)).toString('base64') },
  });
  await scope.register(fastifyView, {
    engine: { handlebars: portalHandlebars() },
    root: VIEWS_DIR,
    // No global layout: tenant pages render in layouts/main.hbs, the site picker in layouts/plain.hbs.
    options: { partials: partialFiles() },
    production: true,
    maxCache: 1000,
  });
  await scope.register(fastifyRateLimit, { global: false });

  // Every answer of the portal carries the page policy with its own nonce; a mail preview sets its own.
  scope.addHook('onRequest', async (req) => {
    PageRunner.setNonce(req, newNonce());
  });
  // This hook runs after the root's (a site-wide policy set there, for the API's own small pages, is
  // replaced here): a page gets the nonce policy of its answer, a rendered mail its sandbox policy.
  scope.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    // The stylesheet is named by its content: it can be kept for good (the root's no-store is for answers about people).
    if (type.startsWith('text/css') && req.url === stylesheet.path) reply.header('cache-control', 'public, max-age=31536000, immutable');
    if (!type.startsWith('text/html')) return payload;
    const mail = PageRunner.framedMail(req);
    reply.header('content-security-policy', mail ? MAIL_FRAME_POLICY : pagePolicy(PageRunner.nonceOf(req)));
    reply.header('x-frame-options', mail ? 'SAMEORIGIN' : 'DENY');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    return payload;
  });

  scope.get(stylesheet.path, async (_req, reply: FastifyReply) => reply.type('text/css; charset=utf-8').send(stylesheet.css));

  const runner = new PageRunner(scope, deps, stylesheet.path);
  scope.get('/', async (req, reply) => renderPicker(req, reply, deps, runner));
  // Mail links on paths the API has no page for: their redirect happens before the tenant is
  // resolved (a mail client sends none), and anything else there does not exist.
  for (const path of MAIL_LINK_PATHS)
    scope.get(path, {
      onRequest: (req, reply, _done) => {
        const target = mailLinkTarget(req);
        if (target) return void reply.code(303).header('location', target).send();
        void reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>404</title><p>Not found</p>');
      },
      handler: async (_req, reply) => reply.code(404).send(),
    });

  await scope.register(
    async (pages) => {
      pages.setNotFoundHandler((req, reply) => runner.notFound(req, reply));
      pages.setErrorHandler((err, req, reply) => runner.failed(err, req, reply));
      for (const route of deps.routes)
        pages.route({
          method: route.method,
          url: route.path,
          handler: (req, reply) => runner.run(route, req, reply),
        });
    },
    { prefix: '/t/:tenant' },
  );
}
