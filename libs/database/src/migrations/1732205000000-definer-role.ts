import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CREATE_DEFINER_ROLE, DEFINER_ROLE } from '../rls.js';

/**
 * The owner of SECURITY DEFINER functions and of catalog writes (see DEFINER_ROLE). Until now the
 * definer functions ran as the migration role, a superuser on most installations: a flaw in one
 * would have reached everything. A migration role that is not a superuser must be able to hand
 * functions to it, so it becomes a member (never the runtime role).
 */
export class DefinerRole1732205000000 implements MigrationInterface {
  name = 'DefinerRole1732205000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(CREATE_DEFINER_ROLE);
    const [me] = await q.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    if (!me.rolsuper) await q.query(`GRANT ${DEFINER_ROLE} TO CURRENT_USER`);
    await q.query(`GRANT USAGE ON SCHEMA public, app TO ${DEFINER_ROLE}`);
    await q.query(`GRANT EXECUTE ON FUNCTION app.current_tenant_id() TO ${DEFINER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA public, app FROM ${DEFINER_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION app.current_tenant_id() FROM ${DEFINER_ROLE}`);
  }
}
