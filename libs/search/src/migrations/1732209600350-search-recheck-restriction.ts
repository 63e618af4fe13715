import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import { SEARCH_CALLABLE_FUNCTIONS, SEARCH_FUNCTIONS } from './search-functions.sql.js';

const SIGNATURE = SEARCH_CALLABLE_FUNCTIONS.find((f) => f.startsWith('app.search_profiles('))!;
const ORIGINAL = SEARCH_FUNCTIONS.find((f) => f.includes('FUNCTION app.search_profiles('))!;
const RECHECK = `|| CASE WHEN v_outside THEN ' AND p.visible_to_employers' ELSE '' END`;

/**
 * search_profiles re-reads the page's profile rows so a stale index row never shows a hidden
 * profile; that re-check did not read the restriction of processing an objection or restriction
 * puts on the person (`profiles.processing_restricted_at`, ProfileProcessingRestriction1732209600300),
 * so only the index row kept a restricted person from employers and partners. The function is
 * replaced with the re-check reading it too; the rest of its text is unchanged.
 */
export function searchProfilesWithRestrictionRecheck(): string {
  if (!ORIGINAL.includes(RECHECK)) throw new Error('search_profiles no longer has the re-check this migration extends');
  return ORIGINAL.replace('CREATE FUNCTION app.search_profiles(', 'CREATE OR REPLACE FUNCTION app.search_profiles(').replace(
    RECHECK,
    `|| CASE WHEN v_outside THEN ' AND p.visible_to_employers AND p.processing_restricted_at IS NULL' ELSE '' END`,
  );
}

export class SearchRecheckRestriction1732209600350 implements MigrationInterface {
  name = 'SearchRecheckRestriction1732209600350';

  async up(q: QueryRunner): Promise<void> {
    // Replacing needs the owner: the migration role takes it back for the change (grants stay).
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO CURRENT_USER`);
    await q.query(searchProfilesWithRestrictionRecheck());
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO CURRENT_USER`);
    await q.query(ORIGINAL.replace('CREATE FUNCTION app.search_profiles(', 'CREATE OR REPLACE FUNCTION app.search_profiles('));
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
  }
}
