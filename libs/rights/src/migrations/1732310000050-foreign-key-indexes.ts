import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class RightsForeignKeyIndexes1732310000050 implements MigrationInterface {
  name = 'RightsForeignKeyIndexes1732310000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS rights_exports_by_request ON rights_exports (tenant_id, request_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS rights_exports_by_request`);
  }
}
