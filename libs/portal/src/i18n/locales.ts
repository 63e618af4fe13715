import type { Localised, TenantDefinition } from '../../../plugin-api/src/index.js';

/** Scripts written right to left: a page in one of these gets dir="rtl". */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'ps', 'prs', 'he', 'ur', 'ckb', 'dv', 'yi']);

/** Each language named in itself, as a language menu shows it. */
const NAMES: Readonly<Record<string, string>> = {
  nl: 'Nederlands',
  en: 'English',
  ar: 'العربية',
  fa: 'دری / فارسی',
  prs: 'دری',
  ps: 'پښتو',
  ti: 'ትግርኛ',
  so: 'Soomaali',
  uk: 'Українська',
  tr: 'Türkçe',
  fr: 'Français',
  de: 'Deutsch',
};

export function languageName(locale: string): string {
  return NAMES[locale] ?? locale;
}

export function direction(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

/** The languages the tenant's pages are offered in: the portal's own list, else the mail locales. */
export function pageLocales(def: TenantDefinition): readonly string[] {
  return def.portal?.locales ?? def.locales;
}

/** A language for mail: the page language when the tenant mails in it, else its default locale. */
export function mailLocale(def: TenantDefinition, locale: string): string {
  return def.locales.includes(locale) ? locale : def.defaultLocale;
}

/** The best offered language for an Accept-Language header, or null. */
export function fromAcceptLanguage(header: string | undefined, offered: readonly string[]): string | null {
  if (!header) return null;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((w) => w.tag && Number.isFinite(w.q) && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) {
    const exact = offered.find((o) => o.toLowerCase() === w.tag);
    if (exact) return exact;
    const base = offered.find((o) => o.toLowerCase() === w.tag.split('-')[0]);
    if (base) return base;
  }
  return null;
}

/** A declared text in the page language, else English, the tenant's default, or the first one given. */
export function localised(value: Localised | undefined, locale: string, def?: Pick<TenantDefinition, 'defaultLocale'>): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[locale] ?? value.en ?? (def ? value[def.defaultLocale] : undefined) ?? Object.values(value)[0] ?? '';
}
