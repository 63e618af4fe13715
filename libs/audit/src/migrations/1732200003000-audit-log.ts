import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Append-only audit log. The app role gets SELECT and INSERT only, and a trigger refuses UPDATE and
 * DELETE for everyone, owner included. Entries name people by id only, so erasing a person leaves
 * history intact and personal-data free.
 */
export class AuditLog1732200003000 implements MigrationInterface {
  name = 'AuditLog1732200003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_kind text NOT NULL CHECK (actor_kind IN ('account', 'system', 'anonymous')),
        actor_roles text[] NOT NULL DEFAULT '{}',
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'),
        subject_type text NOT NULL,
        subject_id uuid,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX audit_log_subject ON audit_log (tenant_id, subject_id, at)`);
    await q.query(`
      CREATE FUNCTION app.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION app.audit_log_is_append_only()`);
    for (const sql of tenantTableSecurity('audit_log', ['SELECT', 'INSERT'])) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION app.audit_log_is_append_only()`);
  }
}
