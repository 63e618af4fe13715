import type { FastifyReply, FastifyRequest } from 'fastify';
import { PLATFORM_TENANT_KEY } from '../../../tenancy/src/index.js';
import { fromAcceptLanguage } from '../i18n/locales.js';
import { translator } from '../i18n/translator.js';
import { PageRunner } from './page-runner.js';
import type { PortalDeps } from './portal-plugin.js';

/**
 * The root of the site. On a tenant's own host name it leads to that tenant's pages. On a shared
 * host (localhost in development) it lists the tenants to choose from; in production a host that
 * is no tenant's has nothing to show.
 */
export async function renderPicker(req: FastifyRequest, reply: FastifyReply, deps: PortalDeps, runner: PageRunner) {
  const own = await deps.tenants.byHost(req.hostname ?? '');
  if (own) return reply.code(303).header('location', `/t/${own.key}/`).send();
  if (deps.config.isProduction) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>404</title><p>Not found</p>');
  const header = req.headers['accept-language'];
  const locale = fromAcceptLanguage(Array.isArray(header) ? header[0] : header, ['nl', 'en']) ?? 'en';
  const t = translator(null, locale);
  const all = await deps.tenants.list();
  const sites = all
    .filter((x) => x.key !== PLATFORM_TENANT_KEY && x.status === 'active' && deps.registry.has(x.plugin))
    .map((x) => ({ key: x.key, name: x.name, href: `/t/${x.key}/` }));
  const html = await reply.viewAsync(
    'pages/picker',
    { _t: t, locale, lang: locale, dir: 'ltr', title: t('picker.title'), sites, nonce: PageRunner.nonceOf(req), stylesheet: runner.stylesheet },
    { layout: 'layouts/plain.hbs' },
  );
  return reply.type('text/html; charset=utf-8').send(html);
}
