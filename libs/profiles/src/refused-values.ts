import type { RefusedValue } from '../../plugin-api/src/index.js';
import type { FieldProblem } from '../../http/src/index.js';

/** Nine digits, alone or grouped by single spaces, dots or hyphens, not part of a longer number. */
const NINE_DIGITS = /(?<![\d.-])\d(?:[ .-]?\d){8}(?![\d]|[.-]\d)/g;

/** The elfproef of the citizen service number: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11. */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** Whether a text holds something that is, by its form and check digit, a BSN. */
export function containsBsn(text: string): boolean {
  for (const m of text.matchAll(NINE_DIGITS)) if (passesElfproef(m[0].replace(/\D/g, ''))) return true;
  return false;
}

/**
 * An IBAN: country code, two check digits and 11 to 30 letters or digits, grouped by single spaces
 * or not, not glued to a longer word. Only a candidate whose mod-97 check holds counts.
 */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;

/** ISO 13616 check: move the first four characters to the end, letters to 10..35, mod 97 is 1. */
export function passesIbanCheck(candidate: string): boolean {
  const s = candidate.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const n = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = n >= 10 ? (rest * 100 + n) % 97 : (rest * 10 + n) % 97;
  }
  return rest === 1;
}

/** Whether a text holds an IBAN (a bank account number) by its form and mod-97 check. */
export function containsIban(text: string): boolean {
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    // A shorter IBAN may be followed by an unrelated word group: try every length the match allows.
    const compact = m[0].replace(/ /g, '');
    for (let len = compact.length; len >= 15; len--) if (passesIbanCheck(compact.slice(0, len))) return true;
  }
  return false;
}

/**
 * A Dutch passport or identity card number (since 2014): two letters, six letters or digits, one
 * digit; the letter O never occurs. At least one of the middle six is a digit, so ordinary words
 * followed by a digit ("Heftruck1") are not taken for one.
 */
const PASSPORT = /(?<![A-Za-z0-9])[A-NP-Za-np-z]{2}(?=[A-NP-Za-np-z0-9]{0,5}\d)[A-NP-Za-np-z0-9]{6}\d(?![A-Za-z0-9])/;

export function containsPassportNumber(text: string): boolean {
  return PASSPORT.test(text);
}

const REASONS: Record<RefusedValue, { test: (s: string) => boolean; reason: string }> = {
  bsn: {
    test: containsBsn,
    reason:
      'contains what looks like a citizen service number (BSN); never enter your BSN or other special personal data here',
  },
  iban: {
    test: containsIban,
    reason: 'contains what looks like a bank account number (IBAN); never enter a bank account number here',
  },
  passport: {
    test: containsPassportNumber,
    reason: 'contains what looks like a passport or identity card number; never enter a document number here',
  },
};

/**
 * Problems for every string inside a normalised field value (lists and object-list items walked)
 * that holds a refused value, each naming the exact path, so the person sees where it is. `goesTo`
 * (the tenant's words) tells them where such data goes instead.
 */
export function refusedValueProblems(refuses: readonly RefusedValue[], value: unknown, at: string, goesTo?: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      for (const r of refuses) if (REASONS[r].test(v)) out.push({ field: path, reason: goesTo ? `${REASONS[r].reason}; ${goesTo}` : REASONS[r].reason });
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, `${path}.${k}`);
  };
  walk(value, at);
  return out;
}

