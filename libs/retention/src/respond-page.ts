import { escapeHtml as escape, htmlPage, PAGE_STYLE_SOURCE } from '../../http/src/index.js';

/**
 * The page behind the link in a reminder mail. Opening it changes nothing, because mail scanners
 * open every link in a mail; its one button posts the same signed token, and only that answers the
 * reminder. The page runs no script, loads nothing, cannot be framed, and sends no referrer (the
 * token is in its address). Its headers are set here, not left to the platform's defaults.
 */

/** Only the platform's page stylesheet: no script, image, frame or form target elsewhere. */
const CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_SOURCE}`,
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

/** The tenant's own language first, English beneath it for everyone else. */
function languages(locale: string): ('nl' | 'en')[] {
  return locale === 'nl' ? ['nl', 'en'] : ['en'];
}

function paragraphs(locale: string, text: (w: Words) => string): string {
  return languages(locale)
    .map((l) => `<p lang="${l}">${escape(text(WORDS[l]))}</p>`)
    .join('');
}

/** What GET shows: the question and the button that posts the token back. */
export function askPage(locale: string, token: string): string {
  const label = languages(locale)
    .map((l) => WORDS[l].button)
    .join(' / ');
  return htmlPage({
    lang: languages(locale)[0],
    title: WORDS[languages(locale)[0]].title,
    body: `${paragraphs(locale, (w) => w.ask)}<form method="post" action="?token=${escape(encodeURIComponent(token))}"><button type="submit">${escape(label)}</button></form>`,
  });
}

/** What the button's POST shows in a browser: the outcome, or why the link no longer answers anything. */
export function answerPage(
  locale: string,
  outcome: { confirmed: true } | { problem: string },
): string {
  return htmlPage({
    lang: languages(locale)[0],
    title: WORDS[languages(locale)[0]].title,
    body:
      'confirmed' in outcome
        ? paragraphs(locale, (w) => w.confirmed)
        : `<p>${escape(outcome.problem)}</p>`,
  });
}
