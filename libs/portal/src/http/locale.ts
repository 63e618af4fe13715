import type { FastifyRequest } from 'fastify';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { fromAcceptLanguage, pageLocales } from '../i18n/locales.js';
import type { PortalCookies } from '../session/cookies.js';

/**
 * The page language: the one the visitor chose (a cookie, set again from the account at every
 * sign-in, so the choice follows the person to another device), else what the browser asks for,
 * else the tenant's default.
 */
export function pageLocale(req: FastifyRequest, def: TenantDefinition, cookies: PortalCookies): string {
  const offered = pageLocales(def);
  const chosen = cookies.read(req, 'language');
  if (chosen && offered.includes(chosen)) return chosen;
  const header = req.headers['accept-language'];
  return fromAcceptLanguage(Array.isArray(header) ? header[0] : header, offered) ?? def.defaultLocale;
}
