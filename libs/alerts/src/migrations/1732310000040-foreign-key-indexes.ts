import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class AlertsForeignKeyIndexes1732310000040 implements MigrationInterface {
  name = 'AlertsForeignKeyIndexes1732310000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS alert_deliveries_by_vacancy ON alert_deliveries (tenant_id, vacancy_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS alert_deliveries_by_vacancy`);
  }
}
