import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/src/index.js';
import { MAIL_CATEGORIES, type MailCategory } from '../../plugin-api/src/index.js';
import type { MailLinks } from './mail-templates.service.js';

export interface UnsubscribeClaims {
  readonly addressHash: string;
  readonly category: MailCategory;
  readonly personId: string | null;
}

const VERSION = 1;
const MAC_BYTES = 16;
const UUID_HEX = /^[0-9a-f]{32}$/;

function uuidBytes(id: string | null): Buffer {
  const hex = (id ?? '').replace(/-/g, '').toLowerCase();
  return UUID_HEX.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(16);
}

function uuidFrom(bytes: Buffer): string | null {
  if (bytes.every((b) => b === 0)) return null;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Unsubscribe and preference links. The token is a compact, HMAC-signed record of the address hash,
 * the category and the person, bound to the tenant (its id is part of what is signed), so it cannot
 * be guessed, altered, or replayed against another tenant. It carries no readable address.
 */
@Injectable()
export class MailLinksService {
  private readonly key: Buffer;
  private readonly baseUrl: string;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'mail-links', 'unsubscribe-token-v1', 32));
    this.baseUrl = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  sign(tenantId: string, claims: UnsubscribeClaims): string {
    const payload = Buffer.concat([
      Buffer.from([VERSION, MAIL_CATEGORIES.indexOf(claims.category)]),
      Buffer.from(claims.addressHash, 'hex'),
      uuidBytes(claims.personId),
    ]);
    return Buffer.concat([payload, this.mac(tenantId, payload)]).toString('base64url');
  }

  /** The claims of a token made for this tenant, or null for anything else. */
  verify(tenantId: string, token: string): UnsubscribeClaims | null {
    if (!/^[A-Za-z0-9_-]{60,120}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 2 + 32 + 16 + MAC_BYTES) return null;
    const payload = raw.subarray(0, raw.length - MAC_BYTES);
    if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), this.mac(tenantId, payload))) return null;
    const category = MAIL_CATEGORIES[payload[1]];
    if (payload[0] !== VERSION || !category || category === 'transactional') return null;
    return { category, addressHash: payload.subarray(2, 34).toString('hex'), personId: uuidFrom(payload.subarray(34, 50)) };
  }

  /** Links are served under the tenant's key, so a mail client that knows no tenant header can follow them. */
  links(tenant: { id: string; key: string }, claims: UnsubscribeClaims): MailLinks {
    const token = this.sign(tenant.id, claims);
    const base = `${this.baseUrl}/mail/t/${encodeURIComponent(tenant.key)}`;
    return { unsubscribeUrl: `${base}/unsubscribe?token=${token}`, preferencesUrl: `${base}/preferences?token=${token}` };
  }

  private mac(tenantId: string, payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(tenantId).update(payload).digest().subarray(0, MAC_BYTES);
  }
}
