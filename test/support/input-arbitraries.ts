import fc from 'fast-check';
import type { DtoSchemaSet, Schema } from '../../libs/platform/src/openapi/api-document.js';
import type { FieldDefinition, ObjectItemField } from '../../libs/plugin-api/src/index.js';

/**
 * fast-check arbitraries derived from a DTO's JSON schema (as class-validator-jsonschema reads the
 * DTO's decorators): bodies the DTO accepts, and the same bodies with one thing broken the way an
 * attacker or a buggy client breaks it. Valid strings are kept short so a run stays fast; length
 * bounds are attacked by the mutations instead.
 */

export type Path = readonly (string | number)[];
/** One body (or query) to send, with a label that says what was done to it. */
export interface Input {
  readonly label: string;
  readonly value: unknown;
}

const MAX_GENERATED_LENGTH = 60;
const YEARS = { min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z') };

/** Options: how to generate a property the schema only calls "an object" (profile fields). */
export interface GenerateOptions {
  readonly set: DtoSchemaSet;
  readonly special?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Every property present, optional ones too (a base for the fixed examples). */
  readonly complete?: boolean;
}

const typeOf = (s: Schema): string | undefined =>
  (s.type as string | undefined) ?? (s.properties ? 'object' : s.items ? 'array' : undefined);

function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  const min = (s.minLength as number | undefined) ?? 0;
  const max = Math.max(min, Math.min((s.maxLength as number | undefined) ?? MAX_GENERATED_LENGTH, MAX_GENERATED_LENGTH));
  const fits = (v: string) => v.length >= min && v.length <= ((s.maxLength as number | undefined) ?? Infinity);
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter((v) => v.length <= 254);
    case 'date':
      return fc.date({ ...YEARS, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ ...YEARS, noInvalidDate: true }).map((d) => d.toISOString());
  }
  const pattern = s.pattern as string | undefined;
  if (pattern && pattern !== '\\S') return fc.stringMatching(new RegExp(pattern)).filter(fits);
  const text = fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
  return pattern === '\\S' ? text.map((v) => (v.trim() ? v : `x${v}`)).filter(fits) : text.filter(fits);
}

function numberArbitrary(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = (s.minimum as number | undefined) ?? -1_000_000;
  const max = (s.maximum as number | undefined) ?? 1_000_000;
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  // Amounts and coordinates: whole numbers and two decimals, as a form would send them.
  return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((n) => n / 100);
}

/** A value the schema accepts (as far as a schema can say: cross-field rules are the app's). */
export function validValue(schema: Schema, o: GenerateOptions, depth = 0): fc.Arbitrary<unknown> {
  const s = o.set.resolve(schema);
  const base = ((): fc.Arbitrary<unknown> => {
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
    switch (typeOf(s)) {
      case 'string':
        return stringArbitrary(s);
      case 'integer':
        return numberArbitrary(s, true);
      case 'number':
        return numberArbitrary(s, false);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = validValue((s.items ?? {}) as Schema, o, depth + 1);
        const minLength = (s.minItems as number | undefined) ?? 0;
        return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min((s.maxItems as number | undefined) ?? 3, 3)) });
      }
      case 'object':
        if (!s.properties) return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ depthSize: 'small', maxDepth: 2 }), { maxKeys: 3 });
        return objectArbitrary(s, o, depth);
      default:
        return fc.jsonValue({ depthSize: 'small', maxDepth: 2 });
    }
  })();
  const nullable = schema.nullable === true || s.nullable === true;
  return nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

function objectArbitrary(s: Schema, o: GenerateOptions, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, p]) => [key, (depth === 0 && o.special?.[key]) || validValue(p, o, depth + 1)]),
  );
  const requiredKeys = o.complete ? Object.keys(properties) : ((s.required ?? []) as string[]);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Every path into a body the schema describes: properties, nested objects, first array items. */
export function schemaPaths(schema: Schema, set: DtoSchemaSet, prefix: Path = [], depth = 0): { path: Path; schema: Schema }[] {
  const s = set.resolve(schema);
  if (depth > 4) return [];
  if (typeOf(s) === 'array' && s.items) {
    const item = [...prefix, 0];
    return [{ path: item, schema: s.items as Schema }, ...schemaPaths(s.items as Schema, set, item, depth + 1)];
  }
  if (typeOf(s) !== 'object' || !s.properties) return [];
  return Object.entries(s.properties as Record<string, Schema>).flatMap(([key, p]) => {
    const path = [...prefix, key];
    return [{ path, schema: p }, ...schemaPaths(p, set, path, depth + 1)];
  });
}

const nest = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

/**
 * What replaces a field. `undefined` removes it. Each kind is something that once reached past
 * validation somewhere: null, blank text, the wrong kind of container, numbers beyond a column,
 * text beyond a column or counted differently by the database, dates PostgreSQL has no room for.
 */
export const BAD_VALUES: readonly { readonly kind: string; readonly value: unknown }[] = [
  { kind: 'missing', value: undefined },
  { kind: 'null', value: null },
  { kind: 'empty text', value: '' },
  { kind: 'blank text', value: ' \t\n\u00a0 ' },
  { kind: 'an array', value: [] },
  { kind: 'an array of arrays', value: [[[]]] },
  { kind: 'an object', value: {} },
  { kind: 'an object of objects', value: { a: { b: {} } } },
  { kind: 'true', value: true },
  { kind: 'zero', value: 0 },
  { kind: 'minus one', value: -1 },
  { kind: '1e308', value: 1e308 },
  { kind: '-1e308', value: -1e308 },
  { kind: '2^31', value: 2 ** 31 },
  { kind: '2^63', value: 2 ** 63 },
  { kind: 'a fraction', value: 1.005 },
  { kind: 'the text NaN', value: 'NaN' },
  { kind: 'the text 1e308', value: '1e308' },
  { kind: 'the text Infinity', value: 'Infinity' },
  { kind: 'a number as text', value: '42' },
  { kind: 'a huge text', value: 'x'.repeat(70_000) },
  { kind: 'text longer to the database than to the validator', value: 'a\uFE0F'.repeat(2_500) },
  { kind: 'letters that change length when lower-cased', value: 'İSTANBUL ǅ ẞ @EXAMPLE.COM' },
  { kind: 'an e-mail address with upper-case letters beyond ASCII', value: 'İSTANBUL.ǅẞΣ@EXAMPLE.COM' },
  { kind: 'emoji and line separators', value: '😀\u2028\u2029\u200b👍🏽' },
  { kind: 'year zero', value: '0000-01-01' },
  { kind: 'year 275760', value: '+275760-09-13T00:00:00.000Z' },
  { kind: 'February 30', value: '2026-02-30' },
  { kind: 'an upper-case UUID', value: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' },
  { kind: 'the nil UUID', value: '00000000-0000-0000-0000-000000000000' },
  { kind: 'a nesting just under the limit', value: nest(30) },
  { kind: 'a nesting over the limit', value: nest(40) },
];

/** The kinds every field gets in the fixed examples; the rest are drawn at random. */
export const EXAMPLE_KINDS = ['missing', 'null', 'blank text', 'an array', 'an object', '1e308', 'a huge text'];

/** A copy of `root` with the value at `path` replaced (`undefined`: removed); containers created as needed. */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (
    Array.isArray(root) ? [...root] : root && typeof root === 'object' ? { ...(root as object) } : typeof path[0] === 'number' ? [] : {}
  ) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  const next = setAt(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** A valid body with one field (or the whole body) replaced by a bad value. */
export function mutatedInputs(valid: fc.Arbitrary<unknown>, paths: readonly Path[]): fc.Arbitrary<Input> {
  const targets = [[] as Path, ...paths];
  return fc
    .tuple(valid, fc.constantFrom(...targets), fc.constantFrom(...BAD_VALUES))
    .filter(([, path, bad]) => !(path.length === 0 && bad.value === undefined))
    .map(([body, path, bad]) => ({ label: `${path.join('.') || 'the body'} = ${bad.kind}`, value: setAt(body, path, bad.value) }));
}

/**
 * The fixed examples: every field broken each of the EXAMPLE_KINDS ways, in a body known to work
 * (`known`, when it has that field) so nothing else in it is refused first, else in a body with
 * every field (`complete`).
 */
export function exampleInputs(known: unknown, complete: unknown, paths: readonly Path[]): Input[] {
  const kinds = BAD_VALUES.filter((b) => EXAMPLE_KINDS.includes(b.kind));
  const whole = [null, [], 'text', 42, nest(40)].map((value) => ({ label: `the body = ${JSON.stringify(value).slice(0, 20)}`, value }));
  const has = (body: unknown, key: string | number) => !!body && typeof body === 'object' && key in body;
  return [
    ...whole,
    ...paths.flatMap((path) => {
      const base = has(known, path[0]) ? known : complete;
      return kinds.map((bad) => ({ label: `${path.join('.')} = ${bad.kind}`, value: setAt(base, path, bad.value) }));
    }),
  ];
}

/** Query strings carry text only: the same attacks, as text, and a key given twice. */
export const BAD_QUERY_VALUES: readonly { readonly kind: string; readonly value: string | string[] }[] = [
  { kind: 'empty', value: '' },
  { kind: 'blank', value: '   ' },
  { kind: 'given twice', value: ['1', '2'] },
  { kind: 'NaN', value: 'NaN' },
  { kind: '1e308', value: '1e308' },
  { kind: 'minus one', value: '-1' },
  { kind: 'a fraction', value: '1.5' },
  { kind: 'a long number', value: '99999999999999999999999' },
  { kind: 'a long text', value: 'x'.repeat(4_000) },
  { kind: 'year zero', value: '0000-01-01' },
  { kind: 'brackets', value: '[object Object]' },
  { kind: 'a quote and a backslash', value: '\'"\\' },
  { kind: 'letters that change length when lower-cased', value: 'İSTANBUL' },
];

/** A valid query rendered as text, as a browser would send it. */
export const asQueryText = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]))
    : value;

export function mutatedQueries(valid: fc.Arbitrary<unknown>, keys: readonly string[]): fc.Arbitrary<Input> {
  return fc
    .tuple(valid, fc.constantFrom(...keys), fc.constantFrom(...BAD_QUERY_VALUES))
    .map(([query, key, bad]) => ({ label: `?${key} = ${bad.kind}`, value: { ...(asQueryText(query) as object), [key]: bad.value } }));
}

/** A tenant's profile field values: valid per the declaration, or one of the bad values. */
export function profileFieldValues(definitions: readonly FieldDefinition[]): fc.Arbitrary<Record<string, unknown>> {
  const writable = definitions.filter((d) => d.type !== 'document' && !d.write.every((w) => w === 'system'));
  if (!writable.length) return fc.constant({});
  const model = Object.fromEntries(
    writable.map((d) => [d.key, fc.oneof({ weight: 3, arbitrary: fieldValue(d) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_VALUES.map((b) => b.value)) })]),
  );
  return fc.record(model, { requiredKeys: [] });
}

function scalarValue(f: Pick<ObjectItemField, 'type' | 'maxLength' | 'min' | 'max' | 'options'>): fc.Arbitrary<unknown> {
  const maxLength = Math.min(f.maxLength ?? MAX_GENERATED_LENGTH, MAX_GENERATED_LENGTH);
  switch (f.type) {
    case 'integer':
      return fc.integer({ min: f.min ?? -1000, max: f.max ?? 1000 });
    case 'number':
      return fc.double({ min: f.min ?? -1000, max: f.max ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return f.options?.length ? fc.constantFrom(...f.options) : fc.string();
    case 'date':
      return fc.oneof(
        fc.date({ ...YEARS, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom('0000-01-01', '9999-12-31', '1000-02-29'),
      );
    case 'email':
      return fc.emailAddress();
    case 'phone':
      return fc.stringMatching(/^\+?[0-9 ]{6,20}$/);
    case 'postcode':
      return fc.stringMatching(/^[0-9]{4} ?[A-Z]{2}$/);
    default:
      return fc.string({ maxLength, unit: 'grapheme' });
  }
}

function fieldValue(f: FieldDefinition): fc.Arbitrary<unknown> {
  const items = Math.min(f.maxItems ?? 3, 3);
  switch (f.type) {
    case 'multi-enum':
      return fc.subarray([...(f.options ?? [])]);
    case 'string-list':
      return fc.array(fc.string({ maxLength: 30, unit: 'grapheme' }), { maxLength: items });
    case 'object-list':
      return fc.array(
        fc.record(Object.fromEntries((f.itemFields ?? []).map((i) => [i.key, scalarValue(i)])), { requiredKeys: [] }),
        { maxLength: items },
      );
    default:
      return scalarValue(f as Pick<ObjectItemField, 'type'>);
  }
}
