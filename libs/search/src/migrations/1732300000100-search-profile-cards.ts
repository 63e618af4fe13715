import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceDefinerFunction } from './replace-definer-function.js';
import { SEARCH_PROFILES_PROJECTED_SIGNATURE } from './search-projected-fields.sql.js';
import { SEARCH_PROFILES_CARDS, SEARCH_PROFILES_PROJECTED_REPLACE } from './search-profile-cards.sql.js';

/**
 * The search's page reads its hits through libs/profiles' app.profile_card (ProfileCard1732300000000)
 * instead of joining the profiles table: the table has one owner, and the listing re-check and the
 * field projection are written once, next to the rules they come from. The function stays owned by
 * the definer role, which the card runs as.
 */
export class SearchProfileCards1732300000100 implements MigrationInterface {
  name = 'SearchProfileCards1732300000100';

  async up(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_PROJECTED_SIGNATURE, SEARCH_PROFILES_CARDS);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceDefinerFunction(q, SEARCH_PROFILES_PROJECTED_SIGNATURE, SEARCH_PROFILES_PROJECTED_REPLACE);
  }
}
