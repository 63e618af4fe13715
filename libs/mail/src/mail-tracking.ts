import { Injectable, Logger } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppConfig, Clock } from '../../config/src/index.js';
import type { TenantRef } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import type { PersonKind, TenantDefinition } from '../../plugin-api/src/index.js';
import { CORE_TEMPLATES } from './core-templates.js';

export type MailTrackingKind = 'mail-open' | 'mail-click';

/** An open or a click of a tracked mail, told to whoever records activity (the activity capability). */
export interface MailTrackingEvent {
  readonly messageId: string;
  readonly personId: string;
  readonly personKind: PersonKind | null;
  readonly template: string;
  readonly kind: MailTrackingKind;
  /** Which link of the mail (0 for an open), never the address it leads to: a link may carry a token. */
  readonly link: number;
  readonly at: Date;
}

/** Runs in the transaction that looked the mail up. */
export type MailTrackingListener = (tx: TenantTx, event: MailTrackingEvent) => Promise<void>;

const VERSION = 1;
const MAC_BYTES = 16;
const KIND_BYTE: Record<MailTrackingKind, number> = { 'mail-open': 1, 'mail-click': 2 };
/** Links past this many in one mail are left as they are. */
const MAX_LINKS = 200;
const TOKEN = /^[A-Za-z0-9_-]{40,60}$/;

/** A transparent 1x1 GIF: what every open answers, valid token or not, so the answer tells nothing. */
export const TRACKING_PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/**
 * The mail capability's check of `activity.trackedMails`: never a core mail (an invitation, a
 * password reset, a verification), even one the tenant restyles, since those carry secret links
 * that must not pass through a redirect or be tied to a person's activity.
 */
export function mailTrackingDefinitionProblems(def: TenantDefinition): string[] {
  const core = new Set(CORE_TEMPLATES.map((t) => t.key));
  return (def.activity?.trackedMails ?? [])
    .filter((key) => core.has(key))
    .map((key) => `activity.trackedMails: "${key}" is a core mail of the platform, which is never tracked`);
}

/**
 * Opens and clicks of the personal mails a tenant declares (`activity.trackedMails`): at delivery the
 * HTML part gets a pixel and its links go through the platform, each with a token signed for the
 * tenant and the message (and, for a link, the address it leads to, so the redirect can never be
 * pointed elsewhere). Nothing is stored at sending: an event is recorded only when the mail is
 * still on record, so a mail erased with its person records nothing any more.
 */
@Injectable()
export class MailTracking {
  private readonly logger = new Logger('mail-tracking');
  private readonly key: Buffer;
  private readonly baseUrl: string;
  private readonly listeners: MailTrackingListener[] = [];

  constructor(
    config: AppConfig,
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'mail-links', 'mail-tracking-v1', 32));
    this.baseUrl = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  onEvent(listener: MailTrackingListener): void {
    this.listeners.push(listener);
  }

  /** Only a tenant's declared personal mails to a person are tracked; the text part never is. */
  tracks(def: TenantDefinition | null, mail: { template: string; person_id: string | null }): boolean {
    return !!mail.person_id && !!def?.activity?.trackedMails.includes(mail.template);
  }

  /** The HTML with its links routed through the platform and the pixel before the end of the body. */
  instrument(tenant: TenantRef, messageId: string, html: string): string {
    const base = `${this.baseUrl}/mail/t/${encodeURIComponent(tenant.key)}`;
    let n = 0;
    const linked = html.replace(/href="(https?:\/\/[^"]+)"/g, (whole, raw: string) => {
      const url = unescapeAttribute(raw);
      // Unsubscribe and preference links stay as they are: leaving is never counted as interest.
      if (url.startsWith(`${base}/`) || n >= MAX_LINKS) return whole;
      n++;
      return `href="${base}/c/${this.sign(tenant.id, 'mail-click', messageId, n, url)}?u=${encodeURIComponent(url)}"`;
    });
    const pixel = `<img src="${base}/o/${this.sign(tenant.id, 'mail-open', messageId, 0, '')}.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
    return linked.includes('</body>') ? linked.replace('</body>', `${pixel}</body>`) : linked + pixel;
  }

  /** The message and link a token names, or null for anything not made by us for this tenant, kind and address. */
  verify(tenantId: string, kind: MailTrackingKind, token: string, url = ''): { messageId: string; link: number } | null {
    if (!TOKEN.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 3 + 16 + MAC_BYTES) return null;
    const payload = raw.subarray(0, raw.length - MAC_BYTES);
    if (payload[0] !== VERSION || payload[1] !== KIND_BYTE[kind]) return null;
    if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), this.mac(tenantId, payload, url))) return null;
    const h = payload.subarray(3).toString('hex');
    return { messageId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, link: payload[2] };
  }

  /**
   * Records an open or click of a mail still on record and still tracked by the tenant's declaration.
   * A failure is logged, never shown: the person clicking must reach their page regardless.
   */
  async record(tenant: TenantRef, def: TenantDefinition | null, kind: MailTrackingKind, messageId: string, link: number): Promise<void> {
    if (!this.listeners.length) return;
    try {
      await this.db.forTenant(tenant, async (tx) => {
        const [mail] = await tx.query<{ person_id: string | null; person_kind: PersonKind | null; template: string }>(
          `SELECT person_id, person_kind, template FROM mail_messages WHERE tenant_id = $1 AND id = $2`,
          [tx.tenantId, messageId],
        );
        if (!mail?.person_id || !this.tracks(def, mail)) return;
        const event: MailTrackingEvent = {
          messageId,
          personId: mail.person_id,
          personKind: mail.person_kind,
          template: mail.template,
          kind,
          link,
          at: this.clock.now(),
        };
        for (const listener of this.listeners) await listener(tx, event);
      });
    } catch (err) {
      this.logger.error({ tenant: tenant.key, err: (err as Error).message }, 'mail activity could not be recorded');
    }
  }

  private sign(tenantId: string, kind: MailTrackingKind, messageId: string, link: number, url: string): string {
    const payload = Buffer.concat([Buffer.from([VERSION, KIND_BYTE[kind], link]), Buffer.from(messageId.replace(/-/g, ''), 'hex')]);
    return Buffer.concat([payload, this.mac(tenantId, payload, url)]).toString('base64url');
  }

  private mac(tenantId: string, payload: Buffer, url: string): Buffer {
    return createHmac('sha256', this.key).update(tenantId).update(payload).update(url).digest().subarray(0, MAC_BYTES);
  }
}
