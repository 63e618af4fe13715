import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { ar } from './messages/ar.js';
import { en, type MessageKey } from './messages/en.js';
import { fa } from './messages/fa.js';
import { nl } from './messages/nl.js';
import { ps } from './messages/ps.js';

const CATALOGUES: Readonly<Record<string, Partial<Record<MessageKey, string>>>> = { en, nl, ar, fa, ps, prs: fa };

export type Translate = (key: MessageKey | string, values?: Readonly<Record<string, string | number>>) => string;

function fill(text: string, values?: Readonly<Record<string, string | number>>): string {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The words of a page: the tenant's own texts in the page language, the portal's, then the
 * tenant's and the portal's English. A language may be incomplete; a page never shows a key.
 */
export function translator(def: TenantDefinition | null, locale: string): Translate {
  const own = def?.portal?.texts ?? {};
  const chain = [own[locale], CATALOGUES[locale], own.en, en as Partial<Record<string, string>>].filter(Boolean) as Partial<
    Record<string, string>
  >[];
  return (key, values) => {
    for (const c of chain) {
      const text = c[key];
      if (text !== undefined) return fill(text, values);
    }
    return key;
  };
}

/** Whether the portal has any words of its own in this language (English fallback otherwise). */
export function hasCatalogue(locale: string): boolean {
  return locale in CATALOGUES;
}

/**
 * The validators' reasons are English sentences; the common ones are said again in the page's
 * language, the rest is shown as it is.
 */
const REASONS: Readonly<Record<string, readonly [RegExp, string][]>> = {
  nl: [
    [/^is required$/, 'is verplicht'],
    [/^is required before the profile can be listed$/, 'is verplicht voordat het profiel vermeld kan worden'],
    [/^must be at most (\d+) characters$/, 'mag hoogstens $1 tekens lang zijn'],
    [/^must be at least (\d+) characters$/, 'moet minstens $1 tekens lang zijn'],
    [/^must be at most (\d+)$/, 'mag hoogstens $1 zijn'],
    [/^must be at least (\d+)$/, 'moet minstens $1 zijn'],
    [/^must be a number$/, 'moet een getal zijn'],
    [/^must be a whole number$/, 'moet een heel getal zijn'],
    [/^must be an e-mail address$/, 'moet een e-mailadres zijn'],
    [/^must be a phone number$/, 'moet een telefoonnummer zijn'],
    [/^must be a postcode$/, 'moet een postcode zijn'],
    [/^must be a date \(YYYY-MM-DD\)$/, 'moet een datum zijn'],
    [/^must be one of: (.*)$/, 'moet een van deze zijn: $1'],
    [/^must not contain your e-mail address or name$/, 'mag uw e-mailadres of naam niet bevatten'],
    [/^must not be one repeated character$/, 'mag niet uit één herhaald teken bestaan'],
    [/^must not be empty$/, 'mag niet leeg zijn'],
    [/^must have at most (\d+) items$/, 'mag hoogstens $1 regels hebben'],
    [/^does not have the expected format$/, 'heeft niet de verwachte vorm'],
    [/^needs the person's consent "(.*)" first$/, 'vraagt eerst uw toestemming "$1"'],
  ],
};

export function translateReason(reason: string, locale: string): string {
  for (const [pattern, text] of REASONS[locale] ?? []) if (pattern.test(reason)) return reason.replace(pattern, text);
  return reason;
}
