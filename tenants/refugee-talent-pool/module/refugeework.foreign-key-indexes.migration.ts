import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class RefugeeWorkForeignKeyIndexes1732310000120 implements MigrationInterface {
  name = 'RefugeeWorkForeignKeyIndexes1732310000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS refugeework_placements_by_recorder ON refugeework_placements (tenant_id, recorded_by)`);
    await q.query(`CREATE INDEX IF NOT EXISTS refugeework_reviews_by_reviewer ON refugeework_reviews (tenant_id, reviewer_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS refugeework_objections_by_resolver ON refugeework_objections (tenant_id, resolved_by)`);
    await q.query(`CREATE INDEX IF NOT EXISTS refugeework_objections_by_person ON refugeework_objections (tenant_id, person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS refugeework_placements_by_recorder`);
    await q.query(`DROP INDEX IF EXISTS refugeework_reviews_by_reviewer`);
    await q.query(`DROP INDEX IF EXISTS refugeework_objections_by_resolver`);
    await q.query(`DROP INDEX IF EXISTS refugeework_objections_by_person`);
  }
}
