import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An upheld objection or restriction keeps restricting the person's processing until staff lift it
 * explicitly: `lifted_at` records that lift on the completed request (who lifted it and why are in
 * the audit log).
 */
export class RightsRestrictionLifts1732209600310 implements MigrationInterface {
  name = 'RightsRestrictionLifts1732209600310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rights_requests ADD COLUMN lifted_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rights_requests DROP COLUMN lifted_at`);
  }
}
