import type { FieldDefinition, TenantDefinition } from '../../plugin-api/src/index.js';
import { ValidationProblem, type FieldProblem } from '../../http/src/index.js';
import { normaliseFilterValue } from './search-document.js';

export type SearchSort = 'relevance' | 'recent';

/** A validated search request. */
export interface SearchRequest {
  readonly q: string | null;
  /** Normalised values per filter key, keys and values sorted (so equal searches fingerprint alike). */
  readonly filters: Readonly<Record<string, string[]>>;
  readonly sort: SearchSort;
  readonly limit: number;
  readonly cursor: string | null;
}

export const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 20;
const MAX_QUERY_LENGTH = 200;
const MAX_VALUES_PER_FILTER = 20;
const FILTER_PARAM = /^filter\[([^\]]*)\]$/;
const KNOWN = new Set(['q', 'sort', 'limit', 'cursor']);
const FILTER_TYPES = new Set(['enum', 'multi-enum', 'boolean', 'string', 'postcode', 'integer']);

/** The fields the tenant offers as search filters. */
export function filterFields(def: Pick<TenantDefinition, 'profile'>): FieldDefinition[] {
  return def.profile.fields.filter(
    (f) => f.searchable === 'filter' && !f.specialCategory && FILTER_TYPES.has(f.type),
  );
}

function single(name: string, raw: unknown, problems: FieldProblem[]): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    problems.push({ field: name, reason: 'must be given once' });
    return undefined;
  }
  return raw;
}

function filterValue(field: FieldDefinition, raw: string): { value?: string; reason?: string } {
  const text = raw.trim();
  if (!text) return { reason: 'must not be empty' };
  if (text.length > 120) return { reason: 'must be at most 120 characters' };
  switch (field.type) {
    case 'enum':
    case 'multi-enum': {
      // Facets report values normalised (lower case), so either spelling is accepted back.
      const known = field.options?.some((o) => o.toLowerCase() === text.toLowerCase());
      return known
        ? { value: text.toLowerCase() }
        : { reason: `must be one of: ${field.options?.join(', ')}` };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text }
        : { reason: 'must be true or false' };
    case 'integer': {
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n))
        return { reason: 'must be a whole number' };
      if (field.min !== undefined && n < field.min)
        return { reason: `must be at least ${field.min}` };
      if (field.max !== undefined && n > field.max)
        return { reason: `must be at most ${field.max}` };
      return { value: String(n) };
    }
    default: {
      const value = normaliseFilterValue(field, text);
      return value ? { value } : { reason: 'is not a valid value' };
    }
  }
}

/**
 * Reads `q`, `filter[<fieldKey>]` (repeatable), `sort`, `limit` and `cursor` from the query
 * string. Every problem is reported at once, each naming its parameter.
 */
export function parseSearchQuery(
  def: Pick<TenantDefinition, 'profile'>,
  query: Record<string, unknown>,
): SearchRequest {
  const problems: FieldProblem[] = [];
  const fields = new Map(filterFields(def).map((f) => [f.key, f]));
  const filters: Record<string, string[]> = {};

  for (const [name, raw] of Object.entries(query ?? {})) {
    if (KNOWN.has(name)) continue;
    const match = FILTER_PARAM.exec(name);
    if (!match) {
      problems.push({
        field: name,
        reason: 'is not a search parameter (use q, filter[<field>], sort, limit, cursor)',
      });
      continue;
    }
    const field = fields.get(match[1]);
    if (!field) {
      problems.push({
        field: name,
        reason: `is not a filter of this candidate bank (filters: ${[...fields.keys()].join(', ') || 'none'})`,
      });
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length > MAX_VALUES_PER_FILTER) {
      problems.push({ field: name, reason: `takes at most ${MAX_VALUES_PER_FILTER} values` });
      continue;
    }
    const accepted = new Set<string>();
    for (const v of values) {
      const { value, reason } =
        typeof v === 'string' ? filterValue(field, v) : { reason: 'must be text' };
      if (reason) problems.push({ field: name, reason: `"${String(v).slice(0, 40)}" ${reason}` });
      else accepted.add(value!);
    }
    filters[field.key] = [...accepted].sort();
  }

  let q = single('q', query.q, problems)?.trim() || null;
  if (q && q.length > MAX_QUERY_LENGTH) {
    problems.push({ field: 'q', reason: `must be at most ${MAX_QUERY_LENGTH} characters` });
    q = null;
  }
  const sortRaw = single('sort', query.sort, problems);
  if (sortRaw !== undefined && sortRaw !== 'relevance' && sortRaw !== 'recent')
    problems.push({ field: 'sort', reason: 'must be relevance or recent' });
  const limitRaw = single('limit', query.limit, problems);
  let limit = DEFAULT_LIMIT;
  if (limitRaw !== undefined) {
    limit = Number(limitRaw);
    if (!/^\d+$/.test(limitRaw) || limit < 1 || limit > MAX_LIMIT)
      problems.push({ field: 'limit', reason: `must be a whole number from 1 to ${MAX_LIMIT}` });
  }
  const cursor = single('cursor', query.cursor, problems) ?? null;
  if (cursor !== null && (!cursor || cursor.length > 1000))
    problems.push({ field: 'cursor', reason: 'is not a cursor returned by this search' });

  if (problems.length)
    throw new ValidationProblem(problems, 400, 'The search request is not valid');
  // Relevance needs words to rank by; without them the newest profiles come first.
  const sort: SearchSort = q && sortRaw !== 'recent' ? 'relevance' : 'recent';
  const sorted = Object.fromEntries(
    Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k]]),
  );
  return { q, filters: sorted, sort, limit, cursor };
}
