import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDefinerEntryPoint, replaceDefinerFunction } from './replace-definer-function.js';
import { SEARCH_PROFILES_DELEGATED } from './search-delegated-reach.sql.js';
import {
  SEARCH_PROFILES_OLD_SIGNATURE,
  SEARCH_PROFILES_PROJECTED,
  SEARCH_PROFILES_PROJECTED_SIGNATURE,
  SEARCH_PROFILES_WITHOUT_FIELDS,
  SEARCH_WHERE_ORIGINAL,
  SEARCH_WHERE_REACH,
  SEARCH_WHERE_SIGNATURE,
} from './search-projected-fields.sql.js';

/**
 * Search hits leave the database already projected: search_profiles used to return every field of
 * a hit's profile, internal-only and special-category values included, and only the TypeScript
 * projection removed them afterwards. The new entry point takes the fields the audience may read
 * (computed in libs/profiles) and returns no other; the old one, kept for the release still running
 * during a deploy, returns none. Both functions re-check listing through libs/profiles' reach functions.
 */
export class SearchProjectedFields1732209860100 implements MigrationInterface {
  name = 'SearchProjectedFields1732209860100';

  async up(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_WHERE_SIGNATURE, SEARCH_WHERE_REACH);
    await createDefinerEntryPoint(q, SEARCH_PROFILES_PROJECTED_SIGNATURE, SEARCH_PROFILES_PROJECTED);
    await replaceDefinerFunction(q, SEARCH_PROFILES_OLD_SIGNATURE, SEARCH_PROFILES_WITHOUT_FIELDS);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_OLD_SIGNATURE, SEARCH_PROFILES_DELEGATED);
    await q.query(`DROP FUNCTION ${SEARCH_PROFILES_PROJECTED_SIGNATURE}`);
    await replaceDefinerFunction(q, SEARCH_WHERE_SIGNATURE, SEARCH_WHERE_ORIGINAL);
  }
}
