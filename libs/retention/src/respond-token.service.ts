import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/src/index.js';

export interface RespondClaims {
  /** Tenant id: a link only answers in the tenant that sent it. */
  readonly t: string;
  /** Person id. */
  readonly p: string;
  /** Schedule key. */
  readonly s: string;
  /** The anchor (ms) the reminder belonged to: a link from an earlier run answers nothing new. */
  readonly a: number;
}

/**
 * The signed token in a reminder's link. It carries no personal data and needs no table: the
 * signature (HMAC with a key derived from the server secret) is the proof.
 */
@Injectable()
export class RespondTokenService {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('retention-respond-link').digest();
  }

  sign(claims: RespondClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claims, or null for anything not signed by this server. */
  verify(token: string): RespondClaims | null {
    const [body, mac] = token.split('.');
    if (!body || !mac || token.split('.').length !== 2) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as RespondClaims;
      if (typeof c.t !== 'string' || typeof c.p !== 'string' || typeof c.s !== 'string' || typeof c.a !== 'number') return null;
      return c;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
