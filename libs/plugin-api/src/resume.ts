import type { FieldDefinition } from './fields.js';

/** One list section of a JSON Resume filled from an `object-list` field: its item keys per resume key. */
export interface ResumeListMapping<K extends string> {
  /** The `object-list` field whose items become the section's entries. */
  readonly field: string;
  /** For each key of a resume entry, the item field that fills it. */
  readonly items: Partial<Record<K, string>>;
}

export const RESUME_WORK_KEYS = ['name', 'position', 'startDate', 'endDate', 'summary'] as const;
export const RESUME_EDUCATION_KEYS = ['institution', 'area', 'studyType', 'startDate', 'endDate'] as const;
export const RESUME_LANGUAGE_KEYS = ['language', 'fluency'] as const;
export const RESUME_LOCATION_KEYS = ['address', 'postalCode', 'city', 'region', 'countryCode'] as const;

/**
 * Which profile fields make the CV part of a person's export, written as a JSON Resume document
 * (https://jsonresume.org/schema) so another job platform can import it. Every entry names a field
 * the profile declares; what is not mapped stays out of the resume (it is in the export's JSON
 * document all the same). The published mapping per tenant is docs/rights/json-resume.md.
 */
export interface ResumeMapping {
  /** Fields whose values, joined by a space, make `basics.name` (e.g. first and last name). */
  readonly name?: readonly string[];
  /** `basics.label`: the job the person does or seeks. */
  readonly label?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly summary?: string;
  readonly location?: Partial<Record<(typeof RESUME_LOCATION_KEYS)[number], string>>;
  readonly work?: ResumeListMapping<(typeof RESUME_WORK_KEYS)[number]>;
  readonly education?: ResumeListMapping<(typeof RESUME_EDUCATION_KEYS)[number]>;
  /** Fields whose values (a word, a choice or a list of them) each become one skill. */
  readonly skills?: readonly string[];
  readonly languages?: ResumeListMapping<(typeof RESUME_LANGUAGE_KEYS)[number]>;
}

/** Field types whose value is one word or line: what a resume's text keys can take. */
const SCALAR_TYPES = ['string', 'text', 'email', 'phone', 'postcode', 'enum', 'date', 'integer', 'number'];
const SKILL_TYPES = ['string', 'enum', 'multi-enum', 'string-list'];

/** Problems in a tenant's resume mapping against its profile fields; empty when it is sound. */
export function resumeProblems(m: ResumeMapping | undefined, fields: readonly FieldDefinition[]): string[] {
  if (m === undefined) return [];
  const out: string[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const scalar = (path: string, key: string | undefined) => {
    if (key === undefined) return;
    const f = byKey.get(key);
    if (!f) out.push(`rights.resume.${path}: no profile field "${key}"`);
    else if (!SCALAR_TYPES.includes(f.type))
      out.push(`rights.resume.${path}: "${key}" is a ${f.type} field, not a single value`);
  };
  (m.name ?? []).forEach((k, i) => scalar(`name[${i}]`, k));
  for (const k of ['label', 'email', 'phone', 'summary'] as const) scalar(k, m[k]);
  for (const [k, v] of Object.entries(m.location ?? {})) {
    if (!(RESUME_LOCATION_KEYS as readonly string[]).includes(k)) out.push(`rights.resume.location.${k} is not a JSON Resume location key`);
    else scalar(`location.${k}`, v);
  }
  for (const [i, k] of (m.skills ?? []).entries()) {
    const f = byKey.get(k);
    if (!f) out.push(`rights.resume.skills[${i}]: no profile field "${k}"`);
    else if (!SKILL_TYPES.includes(f.type)) out.push(`rights.resume.skills[${i}]: "${k}" is a ${f.type} field, not words or choices`);
  }
  const list = (section: string, mapping: ResumeListMapping<string> | undefined, allowed: readonly string[]) => {
    if (mapping === undefined) return;
    const f = byKey.get(mapping.field);
    if (!f || f.type !== 'object-list') {
      out.push(`rights.resume.${section}.field: "${mapping.field}" is not an object-list field of the profile`);
      return;
    }
    const items = new Set((f.itemFields ?? []).map((x) => x.key));
    for (const [k, v] of Object.entries(mapping.items ?? {})) {
      if (!allowed.includes(k)) out.push(`rights.resume.${section}.items.${k} is not a JSON Resume ${section} key`);
      else if (!items.has(v as string)) out.push(`rights.resume.${section}.items.${k}: "${mapping.field}" has no item field "${v}"`);
    }
  };
  list('work', m.work, RESUME_WORK_KEYS);
  list('education', m.education, RESUME_EDUCATION_KEYS);
  list('languages', m.languages, RESUME_LANGUAGE_KEYS);
  return out;
}
