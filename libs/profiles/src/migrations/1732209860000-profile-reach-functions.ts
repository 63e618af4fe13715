import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, DEFINER_ROLE } from '../../../database/src/index.js';
import { REACH_SQL_FUNCTIONS, REACH_SQL_FUNCTION_SIGNATURES } from '../reach-sql.js';

/**
 * The reach rule of the candidate bank as SQL functions generated from the TypeScript rule
 * (reach-sql.ts), so the search function, the talent pool and retention's listing ask one
 * definition instead of each carrying its own list of listed states. Pure predicates over the
 * columns they are given: callable by the runtime role and by the search functions' owner.
 */
export class ProfileReachFunctions1732209860000 implements MigrationInterface {
  name = 'ProfileReachFunctions1732209860000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of REACH_SQL_FUNCTIONS) await q.query(sql);
    for (const fn of REACH_SQL_FUNCTION_SIGNATURES) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_GROUP_ROLE}, ${DEFINER_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [...REACH_SQL_FUNCTION_SIGNATURES].reverse()) await q.query(`DROP FUNCTION ${fn}`);
  }
}
