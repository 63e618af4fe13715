import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../../context/src/index.js';
import { ACCESS_RULE, type AccessRule } from './access.decorators.js';
import { TokensService } from './tokens.service.js';

/**
 * The one gate in front of every route. No rule: refused (deny by default). Otherwise the bearer
 * token must verify for this request's tenant, its session must still be open and belong to the
 * account the token names, and the roles stored for that account now must match; the verified
 * actor then goes into the request context.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('This route has no access rule');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearer(request);
    if (rule.kind === 'public') {
      // A public route still learns who is calling when a valid token comes along (a token
      // means nothing without a tenant, and building the refusal would only cost its stack).
      if (token && RequestContext.tenantOrNull()) await this.identify(token).catch(() => undefined);
      return true;
    }
    if (!token) throw new UnauthorizedException('Sign in required');
    const caller = await this.identify(token);
    if (rule.kind === 'roles' && !rule.roles.some((r) => caller.roles.includes(r)))
      throw new ForbiddenException('Your role may not do this');
    return true;
  }

  private async identify(token: string) {
    if (!RequestContext.tenantOrNull()) throw new UnauthorizedException('No tenant for this token');
    const caller = await this.tokens.authenticate(token);
    RequestContext.setActor({
      kind: 'account',
      accountId: caller.accountId,
      roles: caller.roles,
      orgUnitIds: caller.orgUnitIds,
      sessionId: caller.sessionId,
    });
    return caller;
  }
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value : null;
}
