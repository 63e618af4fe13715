import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import { SEARCH_CALLABLE_FUNCTIONS, SEARCH_INTERNAL_FUNCTIONS } from './search-functions.sql.js';

/** What app.search_profiles reads (and nothing it could write). */
const READS = ['profile_search', 'profiles', 'consent_state', 'connections', 'accounts', 'account_org_units', 'org_units'];

/**
 * The search functions move from the migration role (a superuser on most installations) to the
 * definer role. That role is not a superuser and owns no table, so row-level security applies
 * inside the functions too: on every table but the index it is the tenant policy of the caller's
 * transaction. On profile_search the functions must be free of the policy to use the GIN index
 * (see ProfileSearch1732201200000), so the definer role reads it through its own policy and the
 * functions filter by app.current_tenant_id() themselves, as before.
 */
export class SearchDefinerOwner1732205000200 implements MigrationInterface {
  name = 'SearchDefinerOwner1732205000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT SELECT ON ${READS.join(', ')} TO ${DEFINER_ROLE}`);
    await q.query(`CREATE POLICY search_definer ON profile_search FOR SELECT TO ${DEFINER_ROLE} USING (true)`);
    for (const fn of [...SEARCH_INTERNAL_FUNCTIONS, ...SEARCH_CALLABLE_FUNCTIONS])
      await q.query(`ALTER FUNCTION ${fn} OWNER TO ${DEFINER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [...SEARCH_INTERNAL_FUNCTIONS, ...SEARCH_CALLABLE_FUNCTIONS])
      await q.query(`ALTER FUNCTION ${fn} OWNER TO CURRENT_USER`);
    await q.query(`DROP POLICY search_definer ON profile_search`);
    await q.query(`REVOKE SELECT ON ${READS.join(', ')} FROM ${DEFINER_ROLE}`);
  }
}
