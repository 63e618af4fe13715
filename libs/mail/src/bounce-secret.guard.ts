import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/src/index.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The secret a provider presents: X-Bounce-Secret, a bearer token, or the password of basic auth. */
function presented(req: FastifyRequest): string | null {
  const header = req.headers['x-bounce-secret'];
  if (typeof header === 'string' && header) return header;
  const [scheme, value] = (req.headers.authorization ?? '').split(' ');
  if (!value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return null;
}

/**
 * Delivery reports change who gets mail and can delete a profile (statement 003), so only the
 * holder of the shared secret may post them. Compared as digests in constant time, which also
 * hides the secret's length.
 */
@Injectable()
export class BounceSecretGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = digest(config.BOUNCE_WEBHOOK_SECRET);
  }

  canActivate(context: ExecutionContext): boolean {
    const secret = presented(context.switchToHttp().getRequest<FastifyRequest>());
    if (secret === null || !timingSafeEqual(digest(secret), this.expected))
      throw new UnauthorizedException('A valid bounce webhook secret is required');
    return true;
  }
}
