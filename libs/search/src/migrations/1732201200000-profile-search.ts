import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';
import {
  SEARCH_FUNCTION_DROPS,
  SEARCH_FUNCTION_GRANTS,
  SEARCH_FUNCTIONS,
} from './search-functions.sql.js';

/**
 * The candidate-bank search index: one row per findable profile holding only what employers may
 * see (full text, filter values, findability flags, sort keys), and the search functions.
 *
 * Why SECURITY DEFINER functions: under row-level security PostgreSQL applies the tenant policy
 * before any qual whose operator is not leakproof (`@@`, `&&`), so the runtime role can never use
 * the GIN index and scans every row of the tenant. The functions run as the migration role, filter
 * `tenant_id = app.current_tenant_id()` themselves (nothing at all when no tenant is set) and are
 * the only reviewed way to read this table with an index. The runtime role keeps the normal forced
 * tenant policy on the table for its own reads and writes.
 */
export class ProfileSearch1732201200000 implements MigrationInterface {
  name = 'ProfileSearch1732201200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE profile_search (
        tenant_id uuid NOT NULL,
        profile_id uuid NOT NULL,
        org_unit_id uuid,
        state text NOT NULL CHECK (state IN ('active', 'anonymous')),
        visible_to_employers boolean NOT NULL,
        listed_until timestamptz,
        recency timestamptz NOT NULL,
        document tsvector NOT NULL,
        filter_tokens text[] NOT NULL DEFAULT '{}',
        -- The set of filter values as one number, so counting groups rows by a bigint, not an array.
        filter_set bigint NOT NULL,
        indexed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, profile_id),
        FOREIGN KEY (tenant_id, profile_id) REFERENCES profiles (tenant_id, id) ON DELETE CASCADE
      )`);
    // The document carries a tenant lexeme and one lexeme per filter value, so a single GIN scan
    // narrows by tenant, text and filters at once (btree_gin would need CREATE EXTENSION).
    await q.query(`CREATE INDEX profile_search_document ON profile_search USING gin (document)`);
    // Newest first per tenant, carrying everything the rules and the counts read: browsing and
    // counting without words never touch the wide table rows (an index-only scan).
    await q.query(`
      CREATE INDEX profile_search_listing ON profile_search (tenant_id, recency DESC, profile_id DESC)
        INCLUDE (state, visible_to_employers, listed_until, org_unit_id, filter_set, filter_tokens)`);
    for (const sql of tenantTableSecurity('profile_search')) await q.query(sql);
    // FORCE applies the tenant policy to the owner too, which would bring the trap back inside the
    // functions when the migration role is not a superuser. The owner may drop the policy anyway,
    // so letting it read its own table gives it nothing new; the runtime role is not affected.
    await q.query(
      `CREATE POLICY search_functions_owner ON profile_search FOR SELECT TO CURRENT_USER USING (true)`,
    );

    for (const sql of [...SEARCH_FUNCTIONS, ...SEARCH_FUNCTION_GRANTS]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of SEARCH_FUNCTION_DROPS) await q.query(sql);
    await q.query(`DROP TABLE profile_search`);
  }
}
