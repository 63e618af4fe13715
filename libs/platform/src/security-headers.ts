import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/src/index.js';
import { PAGE_STYLE_SOURCE } from '../../http/src/index.js';

/**
 * The policy of every answer: nothing may run or frame it. JSON needs nothing; the platform's own
 * HTML pages need their one stylesheet (by hash; stylesheet files of this origin are fine too) and
 * to post their forms to us. A page that needs more sets its own content-security-policy header
 * in its handler, which replaces this one.
 */
const DIRECTIVES = {
  'default-src': ["'none'"],
  'style-src': ["'self'", PAGE_STYLE_SOURCE],
  'img-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * The headers on every answer (ASVS V3.4, OWASP secure headers): a content security policy with
 * frame-ancestors 'none' (and X-Frame-Options for old browsers), nosniff, no referrer, isolation of
 * the browsing context and the resources, and HSTS in production (a year, subdomains included;
 * development runs on plain http://localhost).
 */
export function helmetOptions(config: AppConfig): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES },
    strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
  };
}

/**
 * Puts helmet's headers on every answer (404s and errors too), with one helmet middleware made at
 * boot. The Fastify plugin built a new middleware for every request, working its options out
 * again each time: 4% of the api's CPU on an authenticated read in the request-path benchmark.
 */
export function installSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const apply = helmet(options);
  fastify.addHook('onRequest', (req, reply, done) => apply(req.raw, reply.raw, (err) => done(err as Error | undefined)));
}

/** The Swagger UI page: /docs, /docs/ and /docs/index.html (its files under /docs/ are not pages). */
const DOCS_PAGE = /^\/docs(\/|\/index\.html)?$/;

/**
 * The Swagger UI page needs more than the platform's own pages: its scripts and stylesheet (files
 * from this origin), the inline style blocks and the one style attribute of its HTML, images as
 * data: URLs (its icons), and calls to this API ("try it out"). Nothing is allowed inline by
 * keyword: each inline part is allowed by its hash, so an injected script or style is refused.
 * The page is built once from constants and the set-up options, never from a request, so its
 * hashes are those of the page that is served.
 */
export function docsPolicy(html: string, scriptStyles: readonly string[] = swaggerUiScriptStyles()): string {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const blocks = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi'))]
      .filter((m) => !/\ssrc\s*=/i.test(m[0].slice(0, m[0].indexOf('>'))))
      .map((m) => hash(m[1]));
  const styleAttributes = [...html.matchAll(/\sstyle\s*=\s*("([^"]*)"|'([^']*)')/gi)].map((m) => hash(m[2] ?? m[3]));
  const unique = (xs: string[]) => [...new Set(xs)];
  const inlineScripts = unique(blocks('script'));
  const styles = unique([...blocks('style'), ...scriptStyles.map(hash)]);
  const attributes = unique(styleAttributes);
  return [
    "default-src 'none'",
    `script-src 'self'${inlineScripts.map((h) => ` ${h}`).join('')}`,
    `style-src 'self'${styles.map((h) => ` ${h}`).join('')}${attributes.length ? ` 'unsafe-hashes'${attributes.map((h) => ` ${h}`).join('')}` : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

let scriptStyles: readonly string[] | null = null;

/**
 * The style elements Swagger UI's own scripts put into the page (the logo of its top bar carries
 * one), read from the files this process serves under /docs/, so a new version keeps working.
 */
export function swaggerUiScriptStyles(): readonly string[] {
  if (scriptStyles) return scriptStyles;
  const swagger = createRequire(import.meta.url).resolve('@nestjs/swagger');
  const dist = dirname(createRequire(swagger).resolve('swagger-ui-dist/absolute-path.js'));
  const found: string[] = [];
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'])
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g))
      found.push(JSON.parse(m[1]) as string);
  return (scriptStyles = found);
}

/**
 * Gives the Swagger UI page its own policy. The policy of each of its URLs is worked out from the
 * first page served there and kept, so every later answer carries that same policy.
 */
export function installDocsPolicy(fastify: FastifyInstance): void {
  const policies = new Map<string, string>();
  fastify.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0];
    if (!DOCS_PAGE.test(path) || typeof payload !== 'string') return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    let policy = policies.get(path);
    if (!policy) policies.set(path, (policy = docsPolicy(payload)));
    reply.header('content-security-policy', policy);
    return payload;
  });
}
