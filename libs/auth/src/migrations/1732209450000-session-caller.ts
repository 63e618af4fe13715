import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE } from '../../../database/src/index.js';

/**
 * The session check of every authenticated request as one statement: the function sets the
 * tenant (SET LOCAL, so it lasts only for the statement's own implicit transaction) and then reads
 * the session and account under row-level security, as the caller (SECURITY INVOKER). One round
 * trip instead of four (BEGIN, set tenant, query, COMMIT) on the hottest path of the API.
 */
export class SessionCaller1732209450000 implements MigrationInterface {
  name = 'SessionCaller1732209450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app.session_caller(p_tenant uuid, p_session uuid, p_account uuid, p_now timestamptz)
      RETURNS TABLE (roles text[], ous uuid[])
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      BEGIN
        PERFORM app.set_tenant(p_tenant);
        RETURN QUERY
          SELECT a.roles,
                 ARRAY(SELECT u.org_unit_id FROM account_org_units u
                        WHERE u.tenant_id = p_tenant AND u.account_id = a.id ORDER BY u.org_unit_id)
            FROM sessions s
            JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
           WHERE s.tenant_id = p_tenant AND s.id = p_session AND s.account_id = p_account
             AND s.revoked_at IS NULL AND s.expires_at > p_now
             AND a.status = 'active' AND a.email_verified_at IS NOT NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION app.session_caller(uuid, uuid, uuid, timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app.session_caller(uuid, uuid, uuid, timestamptz) TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app.session_caller(uuid, uuid, uuid, timestamptz)`);
  }
}
