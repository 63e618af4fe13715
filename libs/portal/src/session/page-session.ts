import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, type Actor } from '../../../context/src/index.js';
import type { TokenPair } from '../../../auth/src/index.js';
import type { AccountGateway } from './account-gateway.js';
import type { PortalCookies } from './cookies.js';

const SEPARATOR = '~';

/**
 * A page session is an API session: the cookie holds the same access and refresh tokens the API
 * hands out, bound to the same row in `sessions`. Each page request checks the access token and the
 * session like the API's guard does; an expired access token is renewed with the refresh token
 * (which rotates). Signing out, a password reset or a revoked session ends the page session too,
 * at the next request.
 */
export class PageSessions {
  constructor(private readonly gateway: AccountGateway) {}

  async resume(req: FastifyRequest, reply: FastifyReply, cookies: PortalCookies): Promise<{ actor: Actor; ended: boolean }> {
    const raw = cookies.read(req, 'session');
    if (!raw) return { actor: ANONYMOUS, ended: false };
    const [access, refresh] = raw.split(SEPARATOR);
    if (access && refresh) {
      try {
        return { actor: await this.gateway.identify(access), ended: false };
      } catch {
        try {
          const pair = await this.gateway.refresh(refresh);
          const actor = await this.gateway.identify(pair.accessToken);
          this.start(reply, cookies, pair);
          return { actor, ended: false };
        } catch {
          // Revoked, expired or forged: the visitor is signed out, and told so.
        }
      }
    }
    cookies.clear(reply, 'session');
    return { actor: ANONYMOUS, ended: true };
  }

  start(reply: FastifyReply, cookies: PortalCookies, pair: TokenPair): void {
    cookies.set(reply, 'session', `${pair.accessToken}${SEPARATOR}${pair.refreshToken}`);
  }

  async end(reply: FastifyReply, cookies: PortalCookies, actor: Actor): Promise<void> {
    if (actor.sessionId) await this.gateway.signOut(actor.sessionId);
    cookies.clear(reply, 'session');
  }
}
