import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class ProfilesForeignKeyIndexes1732310000020 implements MigrationInterface {
  name = 'ProfilesForeignKeyIndexes1732310000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS profiles_by_org_unit ON profiles (tenant_id, org_unit_id)`);
    // The index of holds in force is partial: lifted holds of an erased person were found by a scan.
    await q.query(`CREATE INDEX IF NOT EXISTS processing_restriction_holders_by_person ON processing_restriction_holders (tenant_id, person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS profiles_by_org_unit`);
    await q.query(`DROP INDEX IF EXISTS processing_restriction_holders_by_person`);
  }
}
