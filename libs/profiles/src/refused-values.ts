import type { RefusedValue } from '../../plugin-api/src/index.js';
import type { FieldProblem } from '../../http/src/validation-problem.js';

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

const REASONS: Record<RefusedValue, { test: (s: string) => boolean; reason: string }> = {
  bsn: {
    test: containsBsn,
    reason:
      'contains what looks like a citizen service number (BSN); never enter your BSN or other special personal data here',
  },
};

/**
 * Problems for every string inside a normalised field value (lists and object-list items walked)
 * that holds a refused value, each naming the exact path, so the person sees where it is.
 */
export function refusedValueProblems(refuses: readonly RefusedValue[], value: unknown, at: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      for (const r of refuses) if (REASONS[r].test(v)) out.push({ field: path, reason: REASONS[r].reason });
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, `${path}.${k}`);
  };
  walk(value, at);
  return out;
}
