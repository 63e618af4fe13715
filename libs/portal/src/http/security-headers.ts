import { randomBytes } from 'node:crypto';

/** A fresh nonce per answer: only elements carrying it may run or style inline. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The policy of every portal page: nothing runs but what carries this answer's nonce (the pages
 * need no script at all), styles come from the portal's own stylesheet or the nonce'd theme block,
 * forms post only to this site, and no other site may frame a page. Images may come from a
 * tenant's logo host.
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' https: data:",
    "frame-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * A rendered mail shown inside a page (template preview, development mailbox): its own inline
 * styles and images, never a script (sandboxed), framed only by the portal itself.
 */
export const MAIL_FRAME_POLICY = [
  'sandbox',
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https: http: data:',
  "frame-ancestors 'self'",
].join('; ');
