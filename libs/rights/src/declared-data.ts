import type {
  FieldDefinition,
  Localised,
  Period,
  RetentionSchedule,
  TenantDefinition,
} from '../../plugin-api/src/index.js';

/** A declared field in the tenant's own words: why it is processed, who may see it, until when it is kept. */
export interface DeclaredField {
  key: string;
  label: string;
  purpose: string | null;
  audience: readonly string[];
  retention: string | null;
  identifying: boolean;
  specialCategory: boolean;
}

export function localised(value: Localised | undefined, locale: string, fallback: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[locale] ?? value[fallback] ?? Object.values(value)[0] ?? '';
}

function period(p: Period): string {
  const parts = [
    p.years && `${p.years} year(s)`,
    p.months && `${p.months} month(s)`,
    p.days && `${p.days} day(s)`,
  ].filter(Boolean);
  return parts.join(' ') || '0 days';
}

/** The schedule in one sentence: what happens, when, counted from what, and the promise it keeps. */
export function describeRetention(s: RetentionSchedule): string {
  return `${s.finalAction} ${period(s.finalAt)} after ${s.anchor} (${s.promise})`;
}

/** Profile fields are the jobseeker's: the jobseekers' schedule says how long they are kept. */
export function declaredFields(def: TenantDefinition, locale = def.defaultLocale): DeclaredField[] {
  const schedule = def.retention.find((s) => s.personKind === 'jobseeker');
  return def.profile.fields.map((f: FieldDefinition) => ({
    key: f.key,
    label: localised(f.label, locale, def.defaultLocale),
    purpose: f.purpose?.trim() || null,
    audience: f.read,
    retention: schedule ? describeRetention(schedule) : null,
    identifying: f.identifying === true,
    specialCategory: f.specialCategory === true,
  }));
}
