import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceDefinerFunction } from './replace-definer-function.js';
import {
  SEARCH_PROFILES_CAPPED_COUNTS,
  SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE,
  SEARCH_PROFILES_EXACT_COUNTS,
} from './search-capped-counts.sql.js';

/**
 * The counts of a first page used to read every match of the search (at a million profiles, a
 * search without words read its whole tenant to count it, 150-200 ms for a page that takes 1.5 ms).
 * They now read at most SEARCH_COUNT_CAP + 1 matches: exact up to the cap, "at least the cap" above
 * it for the total, and facet values without counts above it (search-capped-counts.sql.ts says
 * why). Only the counting part of search_profiles changes; signature, owner and grants stay.
 */
export class SearchCappedCounts1732300000200 implements MigrationInterface {
  name = 'SearchCappedCounts1732300000200';

  async up(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_CAPPED_COUNTS);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_EXACT_COUNTS);
  }
}
