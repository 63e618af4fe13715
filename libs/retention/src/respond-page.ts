import { createHash } from 'node:crypto';

/**
 * The page behind the link in a reminder mail. Opening it changes nothing, because mail scanners
 * open every link in a mail; its one button posts the same signed token, and only that answers the
 * reminder. The page runs no script, loads nothing, cannot be framed, and sends no referrer (the
 * token is in its address).
 */

const STYLE =
  'body{font-family:sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2933}' +
  'button{font-size:1.1rem;padding:.6rem 1.2rem}p.en{color:#52606d}';

/** Only the one stylesheet above: no script, image, frame or form target elsewhere. */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const RESPOND_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

type Words = { title: string; ask: string; button: string; confirmed: string };

const WORDS: Record<'nl' | 'en', Words> = {
  nl: {
    title: 'Blijven',
    ask: 'Je kreeg een herinnering over hoe lang we je gegevens bewaren. Druk op de knop als je wilt blijven.',
    button: 'Ja, ik wil blijven',
    confirmed: 'Dank je. Je gegevens blijven bewaard.',
  },
  en: {
    title: 'Stay',
    ask: 'You received a reminder about how long we keep your data. Press the button if you want to stay.',
    button: 'Yes, I want to stay',
    confirmed: 'Thank you. Your data stays with us.',
  },
};

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The tenant's own language first, English beneath it for everyone else. */
function languages(locale: string): ('nl' | 'en')[] {
  return locale === 'nl' ? ['nl', 'en'] : ['en'];
}

function page(locale: string, title: string, body: string): string {
  return `<!doctype html><html lang="${languages(locale)[0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** What GET shows: the question and the button that posts the token back. */
export function askPage(locale: string, token: string): string {
  const langs = languages(locale);
  const text = langs.map((l, i) => `<p${i ? ' class="en"' : ''} lang="${l}">${escape(WORDS[l].ask)}</p>`).join('');
  const label = langs.map((l) => WORDS[l].button).join(' / ');
  return page(
    locale,
    WORDS[langs[0]].title,
    `${text}<form method="post" action="?token=${escape(encodeURIComponent(token))}"><button type="submit">${escape(label)}</button></form>`,
  );
}

/** What the button's POST shows in a browser: the outcome, or why the link no longer answers anything. */
export function answerPage(locale: string, outcome: { confirmed: true } | { problem: string }): string {
  const langs = languages(locale);
  const text = 'confirmed' in outcome ? langs.map((l, i) => `<p${i ? ' class="en"' : ''} lang="${l}">${escape(WORDS[l].confirmed)}</p>`).join('') : `<p>${escape(outcome.problem)}</p>`;
  return page(locale, WORDS[langs[0]].title, text);
}
