import { createHash } from 'node:crypto';

/**
 * The one stylesheet of the small HTML pages the platform serves itself (the unsubscribe page, a
 * reminder's answer page). It is inline, so the content security policy allows exactly this text by
 * its hash: no 'unsafe-inline', and an injected style or script is refused.
 */
const PAGE_STYLE =
  'body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}' +
  'button{font-size:1.1rem;padding:.6rem 1.2rem;cursor:pointer}';

/** The CSP source that allows PAGE_STYLE, and nothing else inline. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A complete HTML document. `body` is trusted markup: escape every value put into it with
 * escapeHtml, and use no style attributes or scripts (the policy refuses them).
 */
export function htmlPage(page: { lang: string; title: string; body: string }): string {
  return (
    `<!doctype html><html lang="${escapeHtml(page.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer">` +
    `<title>${escapeHtml(page.title)}</title><style>${PAGE_STYLE}</style></head><body>\n${page.body}\n</body></html>`
  );
}
