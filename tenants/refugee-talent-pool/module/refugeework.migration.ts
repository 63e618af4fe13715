import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../libs/tenant-host/src/index.js';

/**
 * RefugeeWork's own data: jobs worked through the platform with the employer's stars and written
 * assessment, and objections to processing waiting for staff. Same tenant-first keys and row-level
 * security as every core table. Who recorded, reviewed or resolved is a plain foreign key that the
 * tenant's person-data handler clears before an account goes: `ON DELETE SET NULL (col)` does not
 * distribute on Citus, and a database that enables this tenant after the core's replacement step
 * (ForeignKeysWithoutSetNullColumns1732209870000) must not get that shape back.
 */
export class RefugeeWork1732204050000 implements MigrationInterface {
  name = 'RefugeeWork1732204050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refugeework_placements (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        employer_org_unit_id uuid NOT NULL,
        job_title text NOT NULL CHECK (length(job_title) BETWEEN 1 AND 160),
        started_on date NOT NULL,
        ended_on date CHECK (ended_on >= started_on),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL,
        changed_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, employer_org_unit_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, recorded_by) REFERENCES accounts (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX refugeework_placements_person ON refugeework_placements (tenant_id, person_id)`);
    await q.query(`CREATE INDEX refugeework_placements_employer ON refugeework_placements (tenant_id, employer_org_unit_id)`);
    await q.query(`
      CREATE TABLE refugeework_reviews (
        tenant_id uuid NOT NULL,
        placement_id uuid NOT NULL,
        stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
        assessment text NOT NULL CHECK (length(assessment) BETWEEN 1 AND 2000),
        reviewer_id uuid,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, placement_id),
        FOREIGN KEY (tenant_id, placement_id) REFERENCES refugeework_placements (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, reviewer_id) REFERENCES accounts (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE refugeework_objections (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        person_id uuid NOT NULL,
        person_kind text NOT NULL CHECK (person_kind IN ('jobseeker', 'employer-contact')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        received_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolved_by uuid,
        outcome text,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, reference),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, resolved_by) REFERENCES accounts (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX refugeework_objections_open ON refugeework_objections (tenant_id, status, received_at)`);
    for (const t of ['refugeework_placements', 'refugeework_reviews', 'refugeework_objections'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refugeework_objections, refugeework_reviews, refugeework_placements`);
  }
}
