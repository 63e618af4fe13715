import type { TenantDefinition } from '../../plugin-api/src/index.js';
import type { CursorPosition } from './search-cursor.js';
import type { SearchRequest } from './search-query.js';
import type { ProfileState } from '../../profiles/src/profile-state.js';
import { fieldProjection, type FieldProjectionSql } from '../../profiles/src/reach-sql.js';

/** The searcher's role as the candidate bank sees it. */
export type SearchAudience = 'tenant-admin' | 'staff' | 'employer' | 'partner';
/** Most reach first: an account holding several searcher roles searches with the widest. */
export const AUDIENCE_ORDER: readonly SearchAudience[] = [
  'tenant-admin',
  'staff',
  'employer',
  'partner',
];

/** Raised by the search functions when the account may not search (see the migration). */
export const ACCESS_DENIED = 'RS403';

/** The arguments every search function takes first: who searches and under which rules. */
export interface SearchRules {
  readonly audience: SearchAudience;
  readonly actorId: string;
  readonly employerAccess: string;
  readonly requiresConsent: string | null;
  readonly listingLimited: boolean;
  readonly staffScope: string;
  /** The purposes the tenant declares for delegated access: a grant for any other reaches no one. */
  readonly delegatedPurposes: readonly string[];
  readonly now: Date;
  /** The only fields the function may return for this audience (libs/profiles decides which). */
  readonly fields: FieldProjectionSql;
}

/**
 * The one statement the endpoint runs per search (the benchmark runs it bare): the page, and the
 * counts on a first page. Sort keys come back as text so a cursor holds them exactly.
 */
export const SEARCH_SQL = `SELECT app.search_profiles($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::real,
         $12::timestamptz, $13::uuid, $14, $15, $16::jsonb, $17::text[]) AS result
  /* tenant_id: taken inside the function from the transaction's tenant, never from a parameter */`;

/** One hit as the function returns it: only the fields the audience may read; identity not yet replaced. */
export interface RawHit {
  profile_id: string;
  rank: string | null;
  recency: string;
  state: ProfileState;
  alias: string;
  /** How outsiders address the profile (GET /profiles/:handle). */
  handle: string;
  fields: Record<string, unknown>;
  granted_consents: string[];
  connected: boolean;
}

/**
 * `counts` rows are [fieldKey, value, count]; the row with a null key is the total, up to
 * SEARCH_COUNT_CAP + 1 (the function stops reading there). A value's count is null when the
 * facets were not counted (more matches before the filters than the cap).
 */
export interface RawResult {
  hits: RawHit[];
  counts: [string | null, string | null, number | null][] | null;
  /**
   * Set when the page's order is the best of only the first this many matches (more matched);
   * null or absent (a function from before bounded ranking) when every match was ranked.
   */
  rankedWithin?: number | null;
}

export function searchParams(
  r: SearchRules,
  req: SearchRequest,
  after: CursorPosition | null,
  limit: number,
  countKeys: readonly string[] | null,
): unknown[] {
  return [
    r.audience,
    r.actorId,
    r.employerAccess,
    r.requiresConsent,
    r.listingLimited,
    r.staffScope,
    r.now,
    req.q,
    JSON.stringify(req.filters),
    req.sort,
    after?.rank ?? null,
    after?.recency ?? null,
    after?.id ?? null,
    limit,
    countKeys,
    JSON.stringify(r.fields),
    r.delegatedPurposes,
  ];
}

/** The tenant's candidate-bank rules as the search functions take them. */
export function searchRules(
  def: Pick<TenantDefinition, 'visibility' | 'profile'>,
  audience: SearchAudience,
  actorId: string,
  now: Date,
): SearchRules {
  const bank = def.visibility.candidateBank;
  return {
    audience,
    actorId,
    employerAccess: bank.employerAccess,
    requiresConsent: bank.requiresConsent ?? null,
    listingLimited: Boolean(bank.listedFor),
    staffScope: bank.staffScope,
    delegatedPurposes: (bank.delegatedAccess ?? []).map((p) => p.key),
    now,
    fields: fieldProjection(def, audience),
  };
}
