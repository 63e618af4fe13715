import { randomUUID } from 'node:crypto';
import type { TenantRef } from '../../../libs/context/src/index.js';
import { AppConfig } from '../../../libs/config/src/index.js';
import { TenantDb } from '../../../libs/database/src/index.js';
import { MailService } from '../../../libs/mail/src/index.js';
import { addressHash } from '../../../libs/mail/src/address.js';
import { MailLinksService } from '../../../libs/mail/src/mail-links.service.js';
import { MailTracking } from '../../../libs/mail/src/mail-tracking.js';
import { everyone, only, type MatrixRequest, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * The mail engine. The footer links (unsubscribe, preferences) are public: the signed link is the
 * only credential, so every caller holding a link of the tenant called gets 200, and for the
 * "other tenant" call the caller brings what their own tenant gave them, session and link alike,
 * which the tenant called refuses (400, the token named). The bounce webhook opens to the shared
 * secret only: the provider (anonymous) presents it; a session of any role is not the secret (401).
 * Templates and the mail record are for the tenant's administrators.
 */

/**
 * Addresses, hashes and link secrets the setups hand to the app; no mail response may give any of
 * them back. The matrix reads `never` after each setup, so the list is filled as the run goes.
 */
const handedOut: string[] = [];

const newAddress = (ctx: RowContext) => {
  const address = `reader-${ctx.unique()}@example.test`;
  handedOut.push(address);
  return address;
};

/** The footer link of a reminder, signed by the mail lib exactly as delivery signs it, on the tenant called. */
function footerLink(ctx: RowContext, page: 'unsubscribe' | 'preferences'): string {
  const issuer: TenantRef = ctx.side === 'own' ? ctx.target.tenant : ctx.actor!.tenant;
  const hash = addressHash(issuer.id, newAddress(ctx));
  handedOut.push(hash);
  // A person's id, as a reminder carries it (an account id or a subscriber's own row id).
  const links = ctx.t.get(MailLinksService).links(issuer, { addressHash: hash, category: 'reminder', personId: randomUUID() });
  const url = new URL(page === 'unsubscribe' ? links.unsubscribeUrl : links.preferencesUrl);
  return `${url.pathname.replace(`/mail/t/${issuer.key}/`, `/mail/t/${ctx.target.tenant.key}/`)}${url.search}`;
}

/**
 * A reminder queued to a new address of the tenant called, as kandidatenbank sends it; its
 * Message-ID header lets a bounce find it. The platform tenant sends no tenant mail: address only.
 */
async function queuedReminder(ctx: RowContext, personId: string = randomUUID()) {
  const address = newAddress(ctx);
  if (!ctx.target.definition) return { address, messageIdHeader: null };
  const confirmToken = `confirm-${ctx.unique()}${ctx.unique()}`;
  handedOut.push(confirmToken);
  const messageIdHeader = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, async (tx) => {
    const { messageId } = await ctx.t.get(MailService).enqueue(tx, {
      template: 'profile-reconfirm',
      to: { address, personId, personKind: 'jobseeker', locale: 'nl' },
      variables: { name: 'Sam', confirmUrl: `https://kb.example/confirm?token=${confirmToken}`, deadline: '1 april 2026' },
    });
    const [row] = await tx.query<{ message_id_header: string }>(
      `SELECT message_id_header FROM mail_messages WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, messageId],
    );
    return row.message_id_header;
  });
  return { address, messageIdHeader };
}

/**
 * A tracked mail's pixel or link, signed by the mail lib exactly as delivery signs it, by the
 * caller's own tenant on the "other tenant" call, moved onto the tenant called.
 */
function trackingPath(ctx: RowContext, kind: 'o' | 'c'): string {
  const issuer: TenantRef = ctx.side === 'own' ? ctx.target.tenant : ctx.actor!.tenant;
  const html = ctx.t.get(MailTracking).instrument(issuer, randomUUID(), '<a href="https://portal.example/t/x/profile">x</a></body>');
  const url = new URL(new RegExp(`"(https?://[^"]+/mail/t/[^"]+/${kind}/[^"]+)"`).exec(html)![1].replace(/&amp;/g, '&'));
  return `${url.pathname.replace(`/mail/t/${issuer.key}/`, `/mail/t/${ctx.target.tenant.key}/`)}${url.search}`;
}

const bouncePath = (ctx: RowContext) => `/mail/t/${ctx.target.tenant.key}/bounces`;

/** Only the provider, holding the shared secret, posts reports; signed-in callers present their session. */
const bounceCredentials = (ctx: RowContext): Record<string, string> =>
  ctx.role === 'anonymous' ? { 'x-bounce-secret': ctx.t.get(AppConfig).BOUNCE_WEBHOOK_SECRET } : {};

/** An RFC 3464 report of a recipient that does not exist (5.1.1), with the original's headers. */
function deliveryStatusReport(address: string, messageIdHeader: string | null): string {
  return [
    '--REPORT',
    'Content-Type: text/plain',
    '',
    'Delivery to the following recipient failed permanently.',
    '--REPORT',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${address}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 no such user',
    '',
    '--REPORT',
    'Content-Type: text/rfc822-headers',
    '',
    `To: ${address}`,
    ...(messageIdHeader ? [`Message-ID: ${messageIdHeader}`] : []),
    '',
    '--REPORT--',
    '',
  ].join('\r\n');
}

const link = (page: 'unsubscribe' | 'preferences', extra: Omit<MatrixRequest, 'path'> = {}) => (ctx: RowContext): MatrixRequest => ({
  path: footerLink(ctx, page),
  ...extra,
});

export const rows: MatrixRow[] = [
  // Opens and clicks of tracked mails (libs/mail/src/mail-tracking.ts; recording:
  // tenants/hallowerk/__tests__/activity.spec.ts). The pixel answers the same image to anyone, for
  // any token; a link redirects only on its own tenant, and another tenant's link is a 404.
  { route: 'GET /mail/t/:tenant/o/:file', own: everyone(200), otherTenant: 200, setup: (ctx) => ({ path: trackingPath(ctx, 'o') }) },
  { route: 'GET /mail/t/:tenant/c/:token', own: everyone(302), otherTenant: 404, setup: (ctx) => ({ path: trackingPath(ctx, 'c') }) },
  {
    // The footer link's page: anyone holding the link sees it (mail scanners included); it changes nothing.
    route: 'GET /mail/t/:tenant/unsubscribe',
    own: everyone(200),
    otherTenant: 400,
    setup: link('unsubscribe'),
    never: handedOut,
  },
  {
    // RFC 8058 one-click: the form-encoded POST a mail client sends, no sign-in.
    route: 'POST /mail/t/:tenant/unsubscribe',
    own: everyone(200),
    otherTenant: 400,
    setup: link('unsubscribe', { body: 'List-Unsubscribe=One-Click' }),
    never: handedOut,
  },
  { route: 'GET /mail/t/:tenant/preferences', own: everyone(200), otherTenant: 400, setup: link('preferences'), never: handedOut },
  {
    route: 'PUT /mail/t/:tenant/preferences',
    own: everyone(200),
    otherTenant: 400,
    setup: link('preferences', { body: { newsletter: false, notification: false, alert: true } }),
    never: handedOut,
  },
  {
    route: 'POST /mail/t/:tenant/bounces',
    own: { ...everyone(401), anonymous: 200 },
    setup: async (ctx) => {
      const { address, messageIdHeader } = await queuedReminder(ctx);
      const event = { type: 'hard-bounce', address, status: '5.1.1', ...(messageIdHeader ? { messageId: messageIdHeader } : {}) };
      return { path: bouncePath(ctx), headers: bounceCredentials(ctx), body: { events: [event] } };
    },
    never: handedOut,
  },
  {
    route: 'POST /mail/t/:tenant/bounces/dsn',
    own: { ...everyone(401), anonymous: 200 },
    setup: async (ctx) => {
      const { address, messageIdHeader } = await queuedReminder(ctx);
      return {
        path: `${bouncePath(ctx)}/dsn`,
        headers: { ...bounceCredentials(ctx), 'content-type': 'multipart/report; report-type=delivery-status; boundary="REPORT"' },
        body: deliveryStatusReport(address, messageIdHeader),
      };
    },
    never: handedOut,
  },
  { route: 'GET /mail/templates', own: only({ 'tenant-admin': 200 }) },
  {
    route: 'GET /mail/templates/:key/preview',
    own: only({ 'tenant-admin': 200 }),
    setup: () => ({ path: '/mail/templates/profile-reconfirm/preview?locale=en' }),
  },
  {
    // The record is metadata only: neither the recipient's address nor the variables (a confirm link) show.
    route: 'GET /mail/messages',
    own: only({ 'tenant-admin': 200 }),
    setup: async (ctx) => {
      const personId = randomUUID();
      await queuedReminder(ctx, personId);
      return { path: `/mail/messages?personId=${personId}` };
    },
    never: handedOut,
  },
];
