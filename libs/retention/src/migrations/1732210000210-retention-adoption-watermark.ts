import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each schedule's adoption of untracked people has read person_activity: every row
 * written by a transaction older than `adopted_through` has been considered. NULL (every
 * existing plan, a new or changed plan) asks for one full pass, after which each reconciliation
 * reads only the rows written since.
 */
export class RetentionAdoptionWatermark1732210000210 implements MigrationInterface {
  name = 'RetentionAdoptionWatermark1732210000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE retention_plans ADD COLUMN adopted_through xid8`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE retention_plans DROP COLUMN adopted_through`);
  }
}
