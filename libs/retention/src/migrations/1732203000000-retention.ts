import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Where each person stands in each retention schedule, the legal holds that stop deletion, and
 * the plan each tenant's rows were last computed with (so a changed setting re-plans them).
 */
export class Retention1732203000000 implements MigrationInterface {
  name = 'Retention1732203000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retention_state (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_id uuid NOT NULL,
        schedule_key text NOT NULL,
        person_kind text NOT NULL,
        anchor_at timestamptz NOT NULL,
        next_step integer NOT NULL DEFAULT 0 CHECK (next_step >= 0),
        reminders_sent integer NOT NULL DEFAULT 0,
        reminders_skipped integer NOT NULL DEFAULT 0,
        last_reminder_at timestamptz,
        deadline_at timestamptz,
        next_due_at timestamptz,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done')),
        final_action text CHECK (final_action IN ('inactivate', 'anonymise', 'delete')),
        final_at timestamptz,
        plan_fingerprint text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, person_id, schedule_key)
      )`);
    // The sweep reads only what is due: a range scan on this partial index, never the whole table.
    await q.query(
      `CREATE INDEX retention_state_due ON retention_state (tenant_id, next_due_at) WHERE status = 'active' AND next_due_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE legal_holds (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid,
        released_at timestamptz,
        released_by uuid,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX legal_holds_person ON legal_holds (tenant_id, person_id)`);
    await q.query(`
      CREATE TABLE retention_plans (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        schedule_key text NOT NULL,
        fingerprint text NOT NULL,
        applied_at timestamptz NOT NULL,
        reconciled_at timestamptz,
        PRIMARY KEY (tenant_id, schedule_key)
      )`);
    for (const t of ['retention_state', 'legal_holds', 'retention_plans'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retention_plans, legal_holds, retention_state`);
  }
}
