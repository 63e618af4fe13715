import type { Period } from '../../plugin-api/src/index.js';

const DAY_MS = 86_400_000;

/**
 * Calendar arithmetic in UTC: months first (clamped to the month's last day, as PostgreSQL's
 * interval arithmetic does), then days. "One year after activation" on 29 February lands on
 * 28 February, never on 1 March.
 */
export function addPeriod(from: Date, p: Period, times = 1): Date {
  const months = ((p.years ?? 0) * 12 + (p.months ?? 0)) * times;
  const d = new Date(from.getTime());
  if (months) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  return new Date(d.getTime() + (p.days ?? 0) * times * DAY_MS);
}

export function sumPeriods(a: Period, b: Period): Period {
  return {
    years: (a.years ?? 0) + (b.years ?? 0),
    months: (a.months ?? 0) + (b.months ?? 0),
    days: (a.days ?? 0) + (b.days ?? 0),
  };
}

/** A setting's integer value as a period in the setting's unit. */
export function periodOf(value: number, unit: 'days' | 'months' | 'years' | undefined): Period {
  if (unit === 'months') return { months: value };
  if (unit === 'years') return { years: value };
  return { days: value };
}

export function laterOf(a: Date, b: Date | null | undefined): Date {
  return b && b.getTime() > a.getTime() ? b : a;
}

export function earlierOf(a: Date, b: Date): Date {
  return b.getTime() < a.getTime() ? b : a;
}
