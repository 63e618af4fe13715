import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { RightsDeclaration } from '../../plugin-api/src/index.js';

/** A calendar date, `YYYY-MM-DD`: deadlines are days, not instants. */
export type CalendarDate = string;

/** Requests arrive in the Netherlands' day: a request at 00:30 Amsterdam time counts from that day. */
const ZONE = 'Europe/Amsterdam';

export function localDate(at: Date): CalendarDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function parts(d: CalendarDate): [number, number, number] {
  const [y, m, day] = d.split('-').map(Number);
  return [y, m, day];
}

function format(y: number, m: number, d: number): CalendarDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Months counted as EU Regulation 1182/71 (art. 3) counts them, which the GDPR's "one month" follows:
 * the period ends on the same date that many months later, or on the last day of that month when it
 * has no such date (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(from: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(from);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return format(ty, tm, Math.min(d, last));
}

export function addDays(from: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parts(from);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` lies before). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const [a, b, c] = parts(from);
  const [x, y, z] = parts(to);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

const calendars = new Map<string, Holidays>();

/**
 * The calendar library, loaded the first time a calendar is asked for: it brings every country's
 * data and its date libraries (about 8 MB of heap, 20 MB of RSS), which an api process that never
 * counts working days should not carry, and which V8's heap growth under load multiplies.
 * Synchronous (require, not import()) so the deadline functions stay synchronous.
 */
let calendarLibrary: typeof Holidays | undefined;
function holidaysOf(country: string): Holidays {
  calendarLibrary ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return new calendarLibrary(country, { types: ['public'] });
}

/**
 * The public holidays of a country's calendar (not observances or bank holidays). For the
 * Netherlands the Algemene termijnenwet (art. 3) also counts 5 May every year, which the calendar
 * library lists only as a school holiday.
 */
export function isPublicHoliday(country: string, d: CalendarDate): boolean {
  if (country === 'NL' && d.endsWith('-05-05')) return true;
  let cal = calendars.get(country);
  if (!cal) calendars.set(country, (cal = holidaysOf(country)));
  const [y, m, day] = parts(d);
  // Noon UTC falls on the same Dutch calendar day whatever the season.
  const found = cal.isHoliday(new Date(Date.UTC(y, m - 1, day, 12)));
  return Array.isArray(found) && found.some((h) => h.type === 'public');
}

function isWeekend(d: CalendarDate): boolean {
  const [y, m, day] = parts(d);
  const dow = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  return dow === 0 || dow === 6;
}

/** The `n`th working day after `from`: the day of receipt does not count, as with the month. */
export function addWorkingDays(from: CalendarDate, n: number, country: string): CalendarDate {
  let d = from;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (!isWeekend(d) && !isPublicHoliday(country, d)) left--;
  }
  return d;
}

/** The day the answer is due: the law's month, or the tenant's shorter promise when it declares one. */
export function dueDate(received: CalendarDate, rights: RightsDeclaration): CalendarDate {
  const legal = addMonths(received, 1);
  if (!rights.promiseWorkingDays) return legal;
  const promised = addWorkingDays(received, rights.promiseWorkingDays, rights.holidays ?? 'NL');
  return promised < legal ? promised : legal;
}

/** Art. 12(3): the month may be extended by two further months: three months from receipt in all. */
export function extendedDueDate(received: CalendarDate): CalendarDate {
  return addMonths(received, 3);
}
