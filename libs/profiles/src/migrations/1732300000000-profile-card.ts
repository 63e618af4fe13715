import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import { PROFILE_CARD_FUNCTION, PROFILE_CARD_SIGNATURE } from '../reach-sql.js';

/**
 * The page of a candidate search asks libs/profiles for each hit's card (reach-sql.ts) instead of
 * joining the profiles table and re-stating the listing rule itself. Only the search functions'
 * owner may call it: the search function is its one caller, and the runtime role reads profiles
 * through this library's services.
 */
export class ProfileCard1732300000000 implements MigrationInterface {
  name = 'ProfileCard1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(PROFILE_CARD_FUNCTION);
    await q.query(`REVOKE ALL ON FUNCTION ${PROFILE_CARD_SIGNATURE} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${PROFILE_CARD_SIGNATURE} TO ${DEFINER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${PROFILE_CARD_SIGNATURE}`);
  }
}
