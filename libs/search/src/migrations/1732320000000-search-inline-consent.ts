import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import { replaceDefinerFunction } from './replace-definer-function.js';
import { SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE } from './search-capped-counts.sql.js';
import { SEARCH_PROFILES_BOUNDED_RANKING } from './search-bounded-ranking.sql.js';
import { SEARCH_WHERE_SIGNATURE } from './search-projected-fields.sql.js';
import {
  SEARCH_PROFILES_INLINE_CONSENT,
  SEARCH_WHERE_BEFORE_INLINE_CONSENT,
  SEARCH_WHERE_INLINE_CONSENT,
} from './search-inline-consent.sql.js';

const LISTING_COLUMNS = 'state, visible_to_employers, listed_until, org_unit_id, filter_set, filter_tokens';

/**
 * The index row carries the purposes its person has granted (`consented`), so a search that
 * requires a consent (the talent pool) filters on the row, and browsing and filters without words
 * stay index-only scans of the newest-first index instead of probing consent_state per row
 * (search-inline-consent.sql.ts). The page's people are still checked against consent_state.
 * Newest-first word searches stop reading every match (same file).
 */
export class SearchInlineConsent1732320000000 implements MigrationInterface {
  name = 'SearchInlineConsent1732320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profile_search ADD COLUMN consented text[] NOT NULL DEFAULT '{}'`);
    // Tenant by tenant, under row-level security; only rows whose person granted something change.
    for (const { id } of (await q.query(`SELECT id FROM tenants`)) as { id: string }[]) {
      await q.query(`SELECT app.set_tenant($1)`, [id]);
      await q.query(
        `UPDATE profile_search s SET consented = c.purposes
           FROM (SELECT person_id, array_agg(purpose ORDER BY purpose) AS purposes FROM consent_state
                  WHERE tenant_id = $1 AND granted GROUP BY person_id) c
          WHERE s.tenant_id = $1 AND s.profile_id = c.person_id`,
        [id],
      );
    }
    // The planner needs the new column's statistics at once: without them it guessed a required
    // consent matched 0.5% of a pool where 80% had given it, and sorted every match of a word.
    await q.query(`ANALYZE profile_search`);
    await q.query(`DROP INDEX profile_search_listing`);
    await q.query(`
      CREATE INDEX profile_search_listing ON profile_search (tenant_id, recency DESC, profile_id DESC)
        INCLUDE (${LISTING_COLUMNS}, consented)`);
    await q.query(`ALTER FUNCTION ${SEARCH_WHERE_SIGNATURE} OWNER TO CURRENT_USER`);
    await q.query(SEARCH_WHERE_INLINE_CONSENT);
    await q.query(`ALTER FUNCTION ${SEARCH_WHERE_SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_INLINE_CONSENT);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_BOUNDED_RANKING);
    await q.query(`ALTER FUNCTION ${SEARCH_WHERE_SIGNATURE} OWNER TO CURRENT_USER`);
    await q.query(SEARCH_WHERE_BEFORE_INLINE_CONSENT);
    await q.query(`ALTER FUNCTION ${SEARCH_WHERE_SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
    await q.query(`DROP INDEX profile_search_listing`);
    await q.query(`CREATE INDEX profile_search_listing ON profile_search (tenant_id, recency DESC, profile_id DESC) INCLUDE (${LISTING_COLUMNS})`);
    await q.query(`ALTER TABLE profile_search DROP COLUMN consented`);
  }
}
