import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../libs/tenant-host/src/index.js';

/**
 * Career assignments and assessments a coach gives a jobseeker, with the person's answers and
 * result. Part of the person's dossier: they go with the account (and so with the dossier's
 * retention term). The coach who assigned it is kept as a reference that erasing the coach clears
 * (the person-data handler, before the account goes: a plain foreign key, as Citus needs).
 */
export class HalloWerkAssignments1732209841100 implements MigrationInterface {
  name = 'HalloWerkAssignments1732209841100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hallowerk_assignments (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('career-assignment', 'assessment')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        instructions text CHECK (length(instructions) BETWEEN 1 AND 4000),
        due_on date,
        assigned_by uuid,
        assigned_at timestamptz NOT NULL,
        answers text CHECK (length(answers) BETWEEN 1 AND 20000),
        result text CHECK (length(result) BETWEEN 1 AND 4000),
        completed_at timestamptz,
        CHECK ((completed_at IS NULL) = (answers IS NULL)),
        CHECK (completed_at IS NOT NULL OR result IS NULL),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, assigned_by) REFERENCES accounts (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX hallowerk_assignments_person ON hallowerk_assignments (tenant_id, person_id, assigned_at)`);
    await q.query(`CREATE INDEX hallowerk_assignments_assigned_by ON hallowerk_assignments (tenant_id, assigned_by)`);
    for (const sql of tenantTableSecurity('hallowerk_assignments')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hallowerk_assignments`);
  }
}
