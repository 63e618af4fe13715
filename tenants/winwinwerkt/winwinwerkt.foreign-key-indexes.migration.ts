import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class WinWinWerktForeignKeyIndexes1732310000100 implements MigrationInterface {
  name = 'WinWinWerktForeignKeyIndexes1732310000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS winwinwerkt_pending_applications_by_coach_org ON winwinwerkt_pending_applications (tenant_id, coach_org_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS winwinwerkt_pending_applications_by_coach_org`);
  }
}
