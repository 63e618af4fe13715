import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import {
  SEARCH_PROFILES_DELEGATED,
  SEARCH_PROFILES_OWN_REACH,
  SEARCH_REACH_DELEGATED,
  SEARCH_REACH_DELEGATED_SIGNATURE,
} from './search-delegated-reach.sql.js';

/**
 * The search honours delegated org-unit access (OrgUnitDelegations1732209700000): a staff search
 * reaches what the audience resolver lets a staff reader open, no more and no less. The new reach
 * function is internal to the definer functions, like the one it replaces.
 */
export class SearchDelegatedReach1732209700100 implements MigrationInterface {
  name = 'SearchDelegatedReach1732209700100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT SELECT ON org_unit_delegations TO ${DEFINER_ROLE}`);
    await q.query(SEARCH_REACH_DELEGATED);
    await q.query(`REVOKE ALL ON FUNCTION ${SEARCH_REACH_DELEGATED_SIGNATURE} FROM PUBLIC`);
    await q.query(`ALTER FUNCTION ${SEARCH_REACH_DELEGATED_SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
    await q.query(SEARCH_PROFILES_DELEGATED);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(SEARCH_PROFILES_OWN_REACH);
    await q.query(`DROP FUNCTION ${SEARCH_REACH_DELEGATED_SIGNATURE}`);
    await q.query(`REVOKE SELECT ON org_unit_delegations FROM ${DEFINER_ROLE}`);
  }
}
