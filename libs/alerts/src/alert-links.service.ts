import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/src/index.js';

export type AlertLinkPurpose = 'confirm' | 'manage';

const PURPOSES: readonly AlertLinkPurpose[] = ['confirm', 'manage'];
const MAC_BYTES = 16;
const LENGTH = 1 + 4 + 16 + MAC_BYTES;

/**
 * The links that stand in for an account: confirming an alert and managing one's alerts. A token
 * is an HMAC-signed record of purpose, row id and link version, bound to the tenant, so it cannot
 * be guessed, altered, used for the other purpose or replayed in another tenant; and it can be
 * minted again for every mail without storing it. Bumping the subscriber's link version revokes
 * every manage link sent before.
 */
@Injectable()
export class AlertLinksService {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'alert-links', 'alert-link-token-v1', 32));
  }

  sign(tenantId: string, purpose: AlertLinkPurpose, id: string, version = 0): string {
    const payload = Buffer.alloc(LENGTH - MAC_BYTES);
    payload.writeUInt8(PURPOSES.indexOf(purpose), 0);
    payload.writeUInt32BE(version, 1);
    Buffer.from(id.replace(/-/g, ''), 'hex').copy(payload, 5);
    return Buffer.concat([payload, this.mac(tenantId, payload)]).toString('base64url');
  }

  /** The row id and version of a token made for this tenant and purpose, or null for anything else. */
  verify(tenantId: string, purpose: AlertLinkPurpose, token: string): { id: string; version: number } | null {
    if (!/^[A-Za-z0-9_-]{40,80}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== LENGTH) return null;
    const payload = raw.subarray(0, LENGTH - MAC_BYTES);
    if (!timingSafeEqual(raw.subarray(LENGTH - MAC_BYTES), this.mac(tenantId, payload))) return null;
    if (PURPOSES[payload.readUInt8(0)] !== purpose) return null;
    const hex = payload.subarray(5).toString('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { id, version: payload.readUInt32BE(1) };
  }

  private mac(tenantId: string, payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(tenantId).update(payload).digest().subarray(0, MAC_BYTES);
  }
}
