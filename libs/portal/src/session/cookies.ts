import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';

/**
 * Every cookie the portal sets, and why. Essential ones are set without asking (the session, the
 * language chosen, the cookie choice itself, the CSRF secret); `stats` only after consent.
 */
export const COOKIES = {
  session: { name: 'portal_session', essential: true },
  language: { name: 'portal_lang', essential: true },
  choice: { name: 'portal_cookies', essential: true },
  csrf: { name: 'portal_csrf', essential: true },
  stats: { name: 'portal_stats', essential: false },
} as const;

export type CookieKind = keyof typeof COOKIES;

/**
 * A tenant's cookies live under its own path, so on a shared host (localhost) one tenant's session
 * is never sent to another's pages. In production they are Secure and carry the __Secure- prefix,
 * which browsers only accept over HTTPS.
 */
export class PortalCookies {
  constructor(
    private readonly production: boolean,
    private readonly tenantKey: string,
  ) {}

  name(kind: CookieKind): string {
    return (this.production ? '__Secure-' : '') + COOKIES[kind].name;
  }

  options(extra: CookieSerializeOptions = {}): CookieSerializeOptions {
    return { path: `/t/${this.tenantKey}/`, httpOnly: true, sameSite: 'lax', secure: this.production, ...extra };
  }

  read(req: FastifyRequest, kind: CookieKind): string | undefined {
    return req.cookies?.[this.name(kind)];
  }

  set(reply: FastifyReply, kind: CookieKind, value: string, extra: CookieSerializeOptions = {}): void {
    reply.setCookie(this.name(kind), value, this.options(extra));
  }

  clear(reply: FastifyReply, kind: CookieKind): void {
    reply.clearCookie(this.name(kind), this.options());
  }
}
