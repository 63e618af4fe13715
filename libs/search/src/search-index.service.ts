import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profileIdsAfter, profilesForIndex } from '../../profiles/src/profile-listings.js';
import { buildSearchDocument, indexable } from './search-document.js';

const BATCH = 500;

/**
 * Keeps the candidate-bank index in step with the profiles. Callers run it in the same unit of
 * work as the change (profile write, consent change, state change), so the index can never show
 * what the committed profile no longer allows.
 */
@Injectable()
export class SearchIndexService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
  ) {}

  index(tx: TenantTx, profileId: string): Promise<void> {
    return this.indexMany(tx, [profileId]);
  }

  async removeMany(tx: TenantTx, profileIds: readonly string[]): Promise<void> {
    if (!profileIds.length) return;
    await tx.query(`DELETE FROM profile_search WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`, [
      tx.tenantId,
      profileIds,
    ]);
  }

  /** Rebuilds the rows of these profiles; a profile that is gone or not listed loses its row. */
  async indexMany(tx: TenantTx, profileIds: readonly string[]): Promise<void> {
    if (!profileIds.length) return;
    // The definition decides what is indexed: it must be the one of the tenant whose rows these are.
    if (RequestContext.tenant().id !== tx.tenantId)
      throw new Error(
        'SearchIndexService: the unit of work belongs to another tenant than the context',
      );
    const def = this.registry.current();
    const profiles = await profilesForIndex(tx, profileIds);
    const listed = profiles.filter((p) => indexable(p.state));
    const keep = new Set(listed.map((p) => p.id));
    const drop = profileIds.filter((id) => !keep.has(id));
    if (drop.length)
      await tx.query(
        `DELETE FROM profile_search WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`,
        [tx.tenantId, drop],
      );
    if (!listed.length) return;
    const rows = listed.map((p) => {
      const doc = buildSearchDocument(def, p, new Set(p.granted));
      return {
        profile_id: p.id,
        org_unit_id: p.orgUnitId,
        state: p.state,
        // An objection or restriction (GDPR art. 21 / 18) hides the person from every outside
        // audience as their own choice not to be shown does; staff still find them.
        visible: p.visibleToEmployers && !p.processingRestricted,
        listed_until: p.listedUntil,
        recency: p.recency,
        a: doc.weighted.A,
        b: doc.weighted.B,
        c: doc.weighted.C,
        tokens: doc.filterTokens,
        // What a search requiring a consent filters on; written with every consent change.
        consented: [...p.granted].sort(),
      };
    });
    // Each text is stemmed as Dutch and as English: the bank holds both languages and a query
    // in either must find a profile written in either.
    await tx.query(
      `INSERT INTO profile_search AS s (tenant_id, profile_id, org_unit_id, state, visible_to_employers, listed_until,
                                        recency, document, filter_tokens, filter_set, consented, indexed_at)
       SELECT $1, x.profile_id, x.org_unit_id, x.state, x.visible, x.listed_until, x.recency,
              setweight(to_tsvector('dutch', x.a), 'A') || setweight(to_tsvector('english', x.a), 'A')
              || setweight(to_tsvector('dutch', x.b), 'B') || setweight(to_tsvector('english', x.b), 'B')
              || setweight(to_tsvector('dutch', x.c), 'C') || setweight(to_tsvector('english', x.c), 'C')
              || array_to_tsvector(app.search_tenant_lexeme($1)
                                   || ARRAY(SELECT app.search_filter_lexeme(t) FROM unnest(x.tokens) t)),
              x.tokens, hashtextextended(x.tokens::text, 0), x.consented, $2
         FROM jsonb_to_recordset($3::jsonb) AS x(profile_id uuid, org_unit_id uuid, state text, visible boolean,
                                                 listed_until timestamptz, recency timestamptz, a text, b text, c text,
                                                 tokens text[], consented text[])
       ON CONFLICT (tenant_id, profile_id) DO UPDATE SET
         org_unit_id = EXCLUDED.org_unit_id, state = EXCLUDED.state, visible_to_employers = EXCLUDED.visible_to_employers,
         listed_until = EXCLUDED.listed_until, recency = EXCLUDED.recency, document = EXCLUDED.document,
         filter_tokens = EXCLUDED.filter_tokens, filter_set = EXCLUDED.filter_set, consented = EXCLUDED.consented,
         indexed_at = EXCLUDED.indexed_at
       -- A row that would not change is not rewritten: a rebuild of a million unchanged profiles
       -- (or a profile edit outside the searchable fields) then writes no new row versions, so
       -- no table bloat and no WAL; indexed_at says when the row last changed.
       WHERE (s.org_unit_id, s.state, s.visible_to_employers, s.listed_until, s.recency, s.document, s.filter_tokens, s.consented)
             IS DISTINCT FROM (EXCLUDED.org_unit_id, EXCLUDED.state, EXCLUDED.visible_to_employers, EXCLUDED.listed_until,
                               EXCLUDED.recency, EXCLUDED.document, EXCLUDED.filter_tokens, EXCLUDED.consented)`,
      [tx.tenantId, this.clock.now(), JSON.stringify(rows)],
    );
  }

  /**
   * Rebuilds the whole index of the tenant in context (backfill, or after the tenant changed which
   * fields are searchable), one short unit of work per batch so no long transaction holds locks.
   * Returns the number of profiles looked at; `onBatch` hears the running count after each batch,
   * so an operator watching a million-profile rebuild sees it move.
   */
  async reindexTenant(onBatch?: (seen: number) => void): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let seen = 0;
    for (;;) {
      const ids = await this.db.transaction(async (tx) => {
        const ids = await profileIdsAfter(tx, after, BATCH);
        await this.indexMany(tx, ids);
        return ids;
      });
      seen += ids.length;
      onBatch?.(seen);
      if (ids.length < BATCH) break;
      after = ids[ids.length - 1];
    }
    return seen;
  }
}
