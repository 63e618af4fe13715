import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The platform's page templates: `layouts/`, `partials/` and `pages/`. */
export const VIEWS_DIR = fileURLToPath(new URL('../views', import.meta.url));

/** Every partial by its file name, for @fastify/view to register once. */
export function partialFiles(): Record<string, string> {
  const dir = join(VIEWS_DIR, 'partials');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => [f.replace(/\.hbs$/, ''), join('partials', f)]),
  );
}

interface HelperOptions {
  hash: Record<string, string | number>;
  data: { root: { _t: (key: string, values?: Record<string, string | number>) => string; locale: string } };
  fn?: (ctx: unknown) => string;
  inverse?: (ctx: unknown) => string;
}

/**
 * A Handlebars environment of the portal's own (the mail engine keeps its own): escaping on, and
 * helpers for words (`t`), dates and simple comparisons. Values from the database are always
 * escaped; only the layout's `body` (a rendered page) is inserted raw.
 */
export function portalHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', function (key: string, options: HelperOptions) {
    return options.data.root._t(String(key), options.hash);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('date', function (value: unknown, options: HelperOptions) {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) return '';
    return new Intl.DateTimeFormat(options.data.root.locale, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(d);
  });
  hbs.registerHelper('datetime', function (value: unknown, options: HelperOptions) {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(String(value));
    return new Intl.DateTimeFormat(options.data.root.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(d);
  });
  hbs.registerHelper('iso', (value: unknown) => (value ? new Date(value as string).toISOString() : ''));
  return hbs;
}
