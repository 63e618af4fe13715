import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/src/index.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Only the scraper holding METRICS_TOKEN reads /metrics: route latencies, pool use and queue
 * depths help an attacker time and size attacks. A session token of any role is not it. Compared
 * as digests in constant time, which also hides the token's length.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(config: AppConfig) {
    const token = config.metricsToken;
    this.expected = token === null ? null : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const [scheme, value] = (context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '').split(' ');
    const ok =
      this.expected !== null && scheme?.toLowerCase() === 'bearer' && !!value && timingSafeEqual(digest(value), this.expected);
    if (!ok) throw new UnauthorizedException('The metrics token is required');
    return true;
  }
}
