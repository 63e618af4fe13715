import type { FieldDefinition, ObjectItemField, Writer } from '../../plugin-api/src/index.js';
import type { FieldProblem } from '../../http/src/index.js';
import { refusedValueProblems } from './refused-values.js';

/** Who writes, and what the person has consented to (special-category data needs it first). */
export interface FieldWriteContext {
  readonly writers: readonly Writer[];
  /** `create`: required fields must be present. `update`: a partial change of stored values. */
  readonly mode: 'create' | 'update';
  readonly grantedPurposes?: ReadonlySet<string>;
  /** Prefix of every problem path, e.g. `fields`. */
  readonly path?: string;
}

export interface FieldValidation {
  /** Normalised values to store; `null` removes a stored value. Empty when there are problems. */
  readonly values: Record<string, unknown>;
  readonly problems: FieldProblem[];
}

/** Limits applied when a tenant declares none, so no field accepts an unbounded value. */
const DEFAULT_MAX_LENGTH: Record<string, number> = { string: 500, text: 10_000, email: 254, phone: 32, postcode: 12 };
const DEFAULT_MAX_ITEMS = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]+$/;
const POSTCODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Control characters other than tab and line breaks never belong in profile text. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;

type Scalar = Pick<FieldDefinition, 'type' | 'minLength' | 'maxLength' | 'min' | 'max' | 'pattern' | 'options'>;
type Check = { value: unknown } | { reason: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function checkText(f: Scalar, raw: unknown, multiline: boolean): Check {
  if (typeof raw !== 'string') return { reason: 'must be text' };
  const value = raw.trim();
  if (CONTROL.test(value) || (!multiline && /[\r\n]/.test(value))) return { reason: 'must not contain control characters' };
  const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type] ?? DEFAULT_MAX_LENGTH.string;
  if (value.length > max) return { reason: `must be at most ${max} characters` };
  if (f.minLength !== undefined && value.length < f.minLength) return { reason: `must be at least ${f.minLength} characters` };
  if (f.pattern && !new RegExp(f.pattern, 'u').test(value)) return { reason: 'does not have the expected format' };
  return { value };
}

function checkNumber(f: Scalar, raw: unknown, integer: boolean): Check {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return { reason: 'must be a number' };
  if (integer && !Number.isInteger(raw)) return { reason: 'must be a whole number' };
  if (f.min !== undefined && raw < f.min) return { reason: `must be at least ${f.min}` };
  if (f.max !== undefined && raw > f.max) return { reason: `must be at most ${f.max}` };
  return { value: raw };
}

/** One scalar value of a field or of an object-list item. */
function checkScalar(f: Scalar, raw: unknown): Check {
  switch (f.type) {
    case 'string':
      return checkText(f, raw, false);
    case 'text':
      return checkText(f, raw, true);
    case 'email': {
      const r = checkText(f, raw, false);
      if ('reason' in r) return r;
      const value = String(r.value).toLowerCase();
      return EMAIL.test(value) ? { value } : { reason: 'must be an e-mail address' };
    }
    case 'phone': {
      const r = checkText(f, raw, false);
      if ('reason' in r) return r;
      const digits = String(r.value).replace(/\D/g, '').length;
      return PHONE.test(String(r.value)) && digits >= 6 && digits <= 15 ? r : { reason: 'must be a phone number' };
    }
    case 'postcode': {
      const r = checkText(f, raw, false);
      if ('reason' in r) return r;
      const value = String(r.value).toUpperCase();
      return POSTCODE.test(value) ? { value } : { reason: 'must be a postcode' };
    }
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw) ? { value: raw } : { reason: 'must be a date (YYYY-MM-DD)' };
    case 'integer':
      return checkNumber(f, raw, true);
    case 'number':
      return checkNumber(f, raw, false);
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { reason: 'must be true or false' };
    case 'enum':
      return typeof raw === 'string' && f.options?.includes(raw)
        ? { value: raw }
        : { reason: `must be one of: ${(f.options ?? []).join(', ')}` };
    default:
      return { reason: `has an unsupported type ${f.type}` };
  }
}

function checkList(f: FieldDefinition, raw: unknown, at: string, out: FieldProblem[]): unknown[] | undefined {
  if (!Array.isArray(raw)) {
    out.push({ field: at, reason: 'must be a list' });
    return undefined;
  }
  const max = f.maxItems ?? DEFAULT_MAX_ITEMS;
  if (raw.length > max) {
    out.push({ field: at, reason: `must have at most ${max} items` });
    return undefined;
  }
  return raw;
}

function checkMultiEnum(f: FieldDefinition, raw: unknown, at: string, out: FieldProblem[]): unknown {
  const list = checkList(f, raw, at, out);
  if (!list) return undefined;
  const before = out.length;
  list.forEach((v, i) => {
    if (typeof v !== 'string' || !f.options?.includes(v))
      out.push({ field: `${at}[${i}]`, reason: `must be one of: ${(f.options ?? []).join(', ')}` });
  });
  if (out.length === before && new Set(list).size !== list.length) out.push({ field: at, reason: 'must not repeat a value' });
  return list;
}

function checkStringList(f: FieldDefinition, raw: unknown, at: string, out: FieldProblem[]): unknown {
  const list = checkList(f, raw, at, out);
  if (!list) return undefined;
  return list.map((v, i) => {
    const r = checkText({ ...f, type: 'string' }, v, false);
    if ('reason' in r) out.push({ field: `${at}[${i}]`, reason: r.reason });
    else if (r.value === '') out.push({ field: `${at}[${i}]`, reason: 'must not be empty' });
    return 'value' in r ? r.value : undefined;
  });
}

function checkItem(itemFields: readonly ObjectItemField[], raw: unknown, at: string, out: FieldProblem[]) {
  if (!isPlainObject(raw)) {
    out.push({ field: at, reason: 'must be an object' });
    return undefined;
  }
  const known = new Map(itemFields.map((f) => [f.key, f]));
  for (const key of Object.keys(raw))
    if (!known.has(key)) out.push({ field: `${at}.${key}`, reason: 'is not a field of this item' });
  const item: Record<string, unknown> = {};
  for (const f of itemFields) {
    const v = raw[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) out.push({ field: `${at}.${f.key}`, reason: 'is required' });
      continue;
    }
    const r = checkScalar(f, v);
    if ('reason' in r) out.push({ field: `${at}.${f.key}`, reason: r.reason });
    else item[f.key] = r.value;
  }
  return item;
}

function checkObjectList(f: FieldDefinition, raw: unknown, at: string, out: FieldProblem[]): unknown {
  const list = checkList(f, raw, at, out);
  if (!list) return undefined;
  return list.map((item, i) => checkItem(f.itemFields ?? [], item, `${at}[${i}]`, out));
}

/** The value of one field, or problems pushed to `out`. */
function checkValue(f: FieldDefinition, raw: unknown, at: string, out: FieldProblem[]): unknown {
  switch (f.type) {
    case 'multi-enum':
      return checkMultiEnum(f, raw, at, out);
    case 'string-list':
      return checkStringList(f, raw, at, out);
    case 'object-list':
      return checkObjectList(f, raw, at, out);
    default: {
      const r = checkScalar(f, raw);
      if ('reason' in r) out.push({ field: at, reason: r.reason });
      return 'value' in r ? r.value : undefined;
    }
  }
}

const isEmpty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Why this writer may not write the field, or null when it may. */
function writeRefusal(f: FieldDefinition, writers: readonly Writer[]): string | null {
  if (writers.some((w) => f.write.includes(w))) return null;
  if (f.write.every((w) => w === 'system')) return 'is maintained by the platform and cannot be written';
  return `may only be written by: ${f.write.join(', ')}`;
}

/**
 * Checks a set of profile field values against the tenant's declaration: every problem at once
 * (unknown keys, wrong types, limits, list items, writers, missing consent), never a partial result.
 * Pure: definitions and input in, normalised values or problems out.
 */
export function validateProfileFields(
  definitions: readonly FieldDefinition[],
  input: unknown,
  ctx: FieldWriteContext,
): FieldValidation {
  const base = ctx.path ?? 'fields';
  if (!isPlainObject(input)) return { values: {}, problems: [{ field: base, reason: 'must be an object of field values' }] };
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(input))
    if (!byKey.has(key)) problems.push({ field: `${base}.${key}`, reason: 'is not a field of this profile' });

  for (const f of definitions) {
    const at = `${base}.${f.key}`;
    const raw = input[f.key];
    if (raw === undefined) {
      if (ctx.mode === 'create' && f.required && f.type !== 'document') problems.push({ field: at, reason: 'is required' });
      continue;
    }
    if (f.type === 'document') {
      problems.push({ field: at, reason: 'is a document: upload it instead' });
      continue;
    }
    const refusal = writeRefusal(f, ctx.writers);
    if (refusal) {
      problems.push({ field: at, reason: refusal });
      continue;
    }
    if (isEmpty(raw)) {
      if (f.required) problems.push({ field: at, reason: 'is required' });
      else values[f.key] = null;
      continue;
    }
    // Statement 001: special-category data is only recorded once the person has consented to it.
    if (f.specialCategory && f.consent && !ctx.grantedPurposes?.has(f.consent)) {
      problems.push({ field: at, reason: `needs the person's consent "${f.consent}" first` });
      continue;
    }
    const value = checkValue(f, raw, at, problems);
    const refused = f.refuses?.length && value !== undefined ? refusedValueProblems(f.refuses, value, at, f.refusesNote) : [];
    if (refused.length) problems.push(...refused);
    else if (value === '' && f.required) problems.push({ field: at, reason: 'is required' });
    else if (value !== undefined) values[f.key] = value === '' ? null : value;
  }
  return problems.length ? { values: {}, problems } : { values, problems };
}

/** Required fields without a stored value: what still stands between a draft and activation. */
export function missingRequiredFields(
  definitions: readonly FieldDefinition[],
  stored: Readonly<Record<string, unknown>>,
  hasDocument: (fieldKey: string) => boolean,
  path = 'fields',
): FieldProblem[] {
  return definitions
    .filter((f) => f.required && (f.type === 'document' ? !hasDocument(f.key) : isEmpty(stored[f.key] ?? null)))
    .map((f) => ({ field: `${path}.${f.key}`, reason: 'is required before the profile can be listed' }));
}
