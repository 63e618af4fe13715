import { ForbiddenException, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { OrgUnitDelegationsService } from '../../auth/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import type { Audience, TenantDefinition } from '../../plugin-api/src/index.js';
import { projectProfile } from '../../profiles/src/profile-projection.js';
import { createHmac } from 'node:crypto';
import { SEARCH_COUNT_CAP } from './migrations/search-capped-counts.sql.js';
import { decodeCursor, encodeCursor, openCursor, sealCursor, searchFingerprint } from './search-cursor.js';
import { filterFields, parseSearchQuery } from './search-query.js';
import {
  ACCESS_DENIED,
  AUDIENCE_ORDER,
  searchParams,
  searchRules,
  SEARCH_SQL,
  type RawHit,
  type RawResult,
  type SearchAudience,
} from './search-rules.js';

export interface SearchHit {
  /** The internal id: for the tenant's own staff only, who open the person's dossier with it. */
  readonly id?: string;
  /** How the searcher addresses the profile (GET /profiles/:handle); employers and partners know no other. */
  readonly handle: string;
  /** The person's name, or the alias while identity is hidden from this searcher. */
  readonly name: string;
  readonly alias: string;
  readonly identityHidden: boolean;
  readonly fields: Record<string, unknown>;
}

export interface FacetValue {
  readonly value: string;
  /** How many matches have this value; null when the counts were not made (see facetsCounted). */
  readonly count: number | null;
}

/**
 * First page only: how many profiles match, and the values of each filter with their counts.
 * Counting reads at most SEARCH_COUNT_CAP + 1 matches, so a broad search never reads its whole
 * tenant to count it:
 * - `total` is exact up to the cap; above it `total` is the cap and `totalCapped` is true ("1,000+");
 * - when the search without its filters has more matches than the cap, the facets list the values
 *   found among the matches read, each with `count: null`, and `facetsCounted` is false (a count
 *   from part of the matches would not be what the number says); otherwise every count is exact.
 */
export interface SearchCounts {
  readonly total: number;
  readonly totalCapped: boolean;
  readonly facets: Record<string, FacetValue[]>;
  readonly facetsCounted: boolean;
}

export interface SearchResult extends Partial<SearchCounts> {
  readonly items: SearchHit[];
  readonly nextCursor: string | null;
  /**
   * Present, on every page, when a word search sorted by relevance matched more than
   * SEARCH_RANK_WINDOW profiles: its order is the best among the first SEARCH_RANK_WINDOW matches
   * found, not among all of them (ranking every match of a common word read thousands of rows per
   * page). Absent when every match was ranked: then the order is the full ranking.
   */
  readonly rankedWithin?: number;
}

const MAX_FACET_VALUES = 50;

/**
 * Candidate-bank search. Who may search and whom they find is decided inside the SQL functions
 * (from the database, not the token); this service validates the request, projects each hit for
 * its reader and audits the search.
 */
@Injectable()
export class ProfileSearchService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly delegations: OrgUnitDelegationsService,
    config: AppConfig,
  ) {
    this.cursorKey = createHmac('sha256', config.JWT_SECRET).update('search-cursor').digest();
  }

  private readonly cursorKey: Buffer;

  async search(actor: Actor, query: Record<string, unknown>): Promise<SearchResult> {
    const def = this.registry.current();
    const audience = this.audienceOf(def, actor);
    const req = parseSearchQuery(def, query);
    const fingerprint = searchFingerprint(audience, req);
    const after = req.cursor ? decodeCursor(openCursor(req.cursor, this.cursorKey), fingerprint) : null;
    const rules = searchRules(def, audience, actor.accountId!, this.clock.now());
    const countKeys = after ? null : filterFields(def).map((f) => f.key);
    return this.db.transaction(async (tx) => {
      const [{ result: raw }] = await this.run(() =>
        tx.query<{ result: RawResult }>(
          SEARCH_SQL,
          searchParams(rules, req, after, req.limit + 1, countKeys),
        ),
      );
      const page = raw.hits.slice(0, req.limit);
      const last = page[page.length - 1];
      const result: SearchResult = {
        items: page.map((row) => this.hit(def, audience, row)),
        nextCursor:
          raw.hits.length > req.limit && last
            ? sealCursor(encodeCursor(
                {
                  rank: req.sort === 'relevance' ? last.rank : null,
                  recency: last.recency,
                  id: last.profile_id,
                },
                fingerprint,
              ), this.cursorKey)
            : null,
        ...(countKeys ? this.counts(countKeys, raw.counts ?? [], req.filters) : {}),
        ...(raw.rankedWithin ? { rankedWithin: raw.rankedWithin } : {}),
      };
      await this.audit.record(
        {
          action: 'search.run',
          subjectType: 'candidate-bank',
          // The query text is not kept: searchers type names into it, and the audit log outlives
          // the profiles it is about. Its word count and the filter keys say enough for oversight.
          details: {
            audience,
            sort: req.sort,
            queryWords: req.q ? req.q.split(/\s+/).length : 0,
            filterKeys: Object.keys(req.filters),
            page: after ? 'next' : 'first',
            results: result.items.length,
            total: result.total ?? null,
            ...(result.totalCapped ? { totalCapped: true } : {}),
            ...(result.rankedWithin ? { rankedWithin: result.rankedWithin } : {}),
          },
        },
        tx,
      );
      // A staff search reaches the people of every unit that granted the searcher's units access
      // now (app.search_reach): each such grant is used by the search.
      if (audience === 'staff' && def.visibility.candidateBank.staffScope === 'own-org-units')
        for (const delegation of await this.delegations.active(tx, actor.orgUnitIds, rules.now))
          await this.delegations.recordUse(tx, { delegation, subjectType: 'candidate-bank', subjectId: null });
      return result;
    });
  }

  /** The widest reach among the actor's roles that the tenant lets search. */
  private audienceOf(def: TenantDefinition, actor: Actor): SearchAudience {
    const searchers = def.visibility.candidateBank.searchers as readonly string[];
    const audience = AUDIENCE_ORDER.find((a) => searchers.includes(a) && actor.roles.includes(a));
    if (!audience || !actor.accountId)
      throw new ForbiddenException('Your role may not search this candidate bank');
    return audience;
  }

  /**
   * Counts per filter value, most frequent first, and the total (the row without a key). A total
   * above the cap is the function's cap + 1 (it stopped reading there); a facet row without a
   * count means the facets were not counted. A selected value is always offered, counted or not,
   * so the reader can see and undo the filter.
   */
  private counts(
    keys: readonly string[],
    rows: NonNullable<RawResult['counts']>,
    selected: Readonly<Record<string, readonly string[]>>,
  ): SearchCounts {
    const facets: Record<string, FacetValue[]> = Object.fromEntries(keys.map((k) => [k, []]));
    let total = 0;
    let facetsCounted = true;
    for (const [key, value, count] of rows) {
      if (key === null) total = Number(count);
      else if (facets[key]) {
        if (count === null) facetsCounted = false;
        facets[key].push({ value: value!, count: count === null ? null : Number(count) });
      }
    }
    for (const k of keys) {
      const values = facets[k];
      if (!facetsCounted)
        for (const v of selected[k] ?? []) if (!values.some((f) => f.value === v)) values.push({ value: v, count: null });
      facets[k] = values
        .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.value.localeCompare(b.value))
        .slice(0, MAX_FACET_VALUES);
    }
    return { total: Math.min(total, SEARCH_COUNT_CAP), totalCapped: total > SEARCH_COUNT_CAP, facets, facetsCounted };
  }

  private hit(def: TenantDefinition, audience: SearchAudience, row: RawHit): SearchHit {
    const reader: Audience =
      audience === 'employer' && row.connected ? 'employer-connected' : audience;
    const p = projectProfile({
      definition: def,
      audience: reader,
      profile: {
        id: row.profile_id,
        publicHandle: row.handle,
        state: row.state,
        alias: row.alias,
        fields: row.fields,
        documents: [],
      },
      grantedPurposes: row.granted_consents,
    });
    return {
      // Staff open the dossier by the internal id; outsiders only ever see the handle.
      ...(audience === 'staff' || audience === 'tenant-admin' ? { id: row.profile_id } : {}),
      handle: row.handle,
      name: p.name,
      alias: p.alias,
      identityHidden: p.identityHidden,
      fields: p.fields,
    };
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = err as {
        driverError?: { code?: string; message?: string };
        code?: string;
        message?: string;
      };
      if ((e.driverError?.code ?? e.code) === ACCESS_DENIED)
        throw new ForbiddenException(
          e.driverError?.message ?? e.message ?? 'You may not search this candidate bank',
        );
      throw err;
    }
  }
}
