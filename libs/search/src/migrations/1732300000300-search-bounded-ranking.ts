import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceDefinerFunction } from './replace-definer-function.js';
import { SEARCH_PROFILES_CAPPED_COUNTS, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE } from './search-capped-counts.sql.js';
import { SEARCH_PROFILES_BOUNDED_RANKING } from './search-bounded-ranking.sql.js';

/**
 * Ranking a word search read every match's row (ts_rank needs the document): at a million
 * profiles a common word in the largest tenant is some 14,000 page reads, on every page of the
 * search. A relevance search now ranks the first SEARCH_RANK_WINDOW matches the scan returns, the
 * same bound as the counts: identical answers up to it, and above it the answer says its order is
 * among those (`rankedWithin`). search-bounded-ranking.sql.ts says what changes in the statement.
 */
export class SearchBoundedRanking1732300000300 implements MigrationInterface {
  name = 'SearchBoundedRanking1732300000300';

  async up(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_BOUNDED_RANKING);
  }

  async down(q: QueryRunner): Promise<void> {
    // CREATE OR REPLACE also drops the SET clauses this version added.
    await replaceDefinerFunction(q, SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE, SEARCH_PROFILES_CAPPED_COUNTS);
  }
}
