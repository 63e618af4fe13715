import type { Audience, FieldDefinition, TenantDefinition } from '../../plugin-api/src/index.js';
import { fieldVisibleTo, identityHiddenFor } from '../../profiles/src/profile-projection.js';
import { LISTED_STATES, type ProfileState } from '../../profiles/src/profile-state.js';
import { anonymousValue } from '../../profiles/src/anonymous-view.js';

/** What the index needs of one profile. */
export interface IndexableProfile {
  readonly id: string;
  readonly state: ProfileState;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Text per weight (A ranks highest) and the filter tokens `<fieldKey>=<normalised value>`. */
export interface SearchDocument {
  readonly weighted: { readonly A: string; readonly B: string; readonly C: string };
  readonly filterTokens: string[];
}

type Definition = Pick<TenantDefinition, 'profile' | 'visibility'>;

const OUTSIDE_SEARCHERS: readonly Audience[] = ['employer', 'partner'];

/**
 * The audiences whose view bounds the index: every outside role that may search. A field enters
 * the index only if all of them may read it, so no searcher can find a profile by a word it could
 * not read. A tenant searched by its staff only still indexes no more than an employer would see.
 */
export function indexAudiences(def: Definition): Audience[] {
  const outside = OUTSIDE_SEARCHERS.filter((a) =>
    (def.visibility.candidateBank.searchers as readonly string[]).includes(a),
  );
  return outside.length ? outside : ['employer'];
}

/** Whether a profile in this state belongs in the index at all. */
export const indexable = (state: ProfileState) => LISTED_STATES.includes(state);

/** The fields that reach the index for this profile, given its state and consents. */
export function indexedFields(
  def: Definition,
  state: ProfileState,
  granted: ReadonlySet<string>,
): FieldDefinition[] {
  const audiences = indexAudiences(def);
  return def.profile.fields.filter(
    (f) =>
      (f.searchable === 'text' || f.searchable === 'filter') &&
      f.type !== 'document' &&
      !f.specialCategory &&
      audiences.every((a) => fieldVisibleTo(f, a, granted, identityHiddenFor(def, a, state))),
  );
}

const MAX_FILTER_VALUE = 120;

/**
 * The one normalisation of a filter value, used when indexing and when querying, so both sides
 * agree: trimmed, single spaces, lower case. A postcode is cut to its four digits: a full Dutch
 * postcode narrows a person down to a few houses, the area is enough to find candidates nearby.
 */
export function normaliseFilterValue(
  field: Pick<FieldDefinition, 'type'>,
  value: unknown,
): string | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'boolean') return typeof value === 'boolean' ? String(value) : null;
  if (field.type === 'integer') return Number.isInteger(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  let v = value.trim().replace(/\s+/g, ' ').toLowerCase();
  if (field.type === 'postcode') v = v.replace(/[^0-9]/g, '').slice(0, 4);
  if (!v) return null;
  return v.slice(0, MAX_FILTER_VALUE);
}

function filterValues(field: FieldDefinition, value: unknown): string[] {
  const values = field.type === 'multi-enum' && Array.isArray(value) ? value : [value];
  return values.map((v) => normaliseFilterValue(field, v)).filter((v): v is string => v !== null);
}

const TEXT_ITEM_TYPES = new Set(['string', 'text', 'enum']);

/** Plain text of a field value: strings, enum values, lists, and the text parts of list items (no dates). */
function textOf(field: FieldDefinition, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  if (field.type !== 'object-list') return value.filter((v): v is string => typeof v === 'string');
  const keys = (field.itemFields ?? [])
    .filter((i) => TEXT_ITEM_TYPES.has(i.type))
    .map((i) => i.key);
  return value.flatMap((item) =>
    item && typeof item === 'object'
      ? keys
          .map((k) => (item as Record<string, unknown>)[k])
          .filter((v): v is string => typeof v === 'string')
      : [],
  );
}

/** Short, specific fields (a desired job) weigh most; long free text least. */
function weightOf(field: FieldDefinition): 'A' | 'B' | 'C' {
  if (field.type === 'string' || field.type === 'enum') return 'A';
  if (field.type === 'string-list' || field.type === 'multi-enum') return 'B';
  return 'C';
}

/** The searchable content of one profile as the least-privileged outside searcher may see it. */
export function buildSearchDocument(
  def: Definition,
  profile: IndexableProfile,
  granted: ReadonlySet<string>,
): SearchDocument {
  const weighted: Record<'A' | 'B' | 'C', string[]> = { A: [], B: [], C: [] };
  const filterTokens = new Set<string>();
  for (const field of indexedFields(def, profile.state, granted)) {
    const raw = profile.fields[field.key];
    // Searchers find an anonymous profile only by what they may read of it.
    const value = profile.state === 'anonymous' ? anonymousValue(field, raw) : raw;
    if (value === undefined || value === null) continue;
    if (field.searchable === 'text') weighted[weightOf(field)].push(...textOf(field, value));
    else for (const v of filterValues(field, value)) filterTokens.add(`${field.key}=${v}`);
  }
  return {
    weighted: { A: weighted.A.join('\n'), B: weighted.B.join('\n'), C: weighted.C.join('\n') },
    filterTokens: [...filterTokens].sort(),
  };
}
