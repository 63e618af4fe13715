import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE } from '../rls.js';

/** Schema `app` with the tenant-setting functions every row-level security policy relies on. */
export class PlatformCore1732200000000 implements MigrationInterface {
  name = 'PlatformCore1732200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS app`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA public, app TO ${APP_GROUP_ROLE}`);
    // SET LOCAL (not set_config): on Citus only SET LOCAL is propagated to the worker nodes.
    await q.query(`
      CREATE FUNCTION app.set_tenant(tenant uuid) RETURNS void
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF tenant IS NULL THEN
          RAISE EXCEPTION 'tenant id must not be null';
        END IF;
        EXECUTE format('SET LOCAL app.tenant_id = %L', tenant::text);
      END $$`);
    // After a SET LOCAL ends, the setting reads as '' (not NULL) on that pooled connection.
    await q.query(`
      CREATE FUNCTION app.current_tenant_id() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT nullif(current_setting('app.tenant_id', true), '')::uuid
      $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION app.set_tenant(uuid), app.current_tenant_id() TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA app CASCADE`);
  }
}
