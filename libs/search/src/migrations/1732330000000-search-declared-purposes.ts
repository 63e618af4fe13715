import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import { createDefinerEntryPoint, replaceDefinerFunction } from './replace-definer-function.js';
import { SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE } from './search-capped-counts.sql.js';
import { SEARCH_PROFILES_INLINE_CONSENT } from './search-inline-consent.sql.js';
import {
  SEARCH_PROFILES_DECLARED,
  SEARCH_PROFILES_DECLARED_SIGNATURE,
  SEARCH_PROFILES_WITHOUT_PURPOSES,
  SEARCH_REACH_DECLARED,
  SEARCH_REACH_DECLARED_SIGNATURE,
} from './search-declared-purposes.sql.js';

/**
 * A staff search reaches through a delegation only while the tenant still declares the grant's
 * purpose, as opening a profile already did (search-declared-purposes.sql.ts). The entry point
 * takes the declared purposes; the former one, kept for the release running during a deploy,
 * reaches through no delegation.
 */
export class SearchDeclaredPurposes1732330000000 implements MigrationInterface {
  name = 'SearchDeclaredPurposes1732330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(SEARCH_REACH_DECLARED);
    await q.query(`REVOKE ALL ON FUNCTION ${SEARCH_REACH_DECLARED_SIGNATURE} FROM PUBLIC`);
    await q.query(`ALTER FUNCTION ${SEARCH_REACH_DECLARED_SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
    await createDefinerEntryPoint(q, SEARCH_PROFILES_DECLARED_SIGNATURE, SEARCH_PROFILES_DECLARED);
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_WITHOUT_PURPOSES);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_INLINE_CONSENT);
    await q.query(`DROP FUNCTION ${SEARCH_PROFILES_DECLARED_SIGNATURE}`);
    await q.query(`DROP FUNCTION ${SEARCH_REACH_DECLARED_SIGNATURE}`);
  }
}
