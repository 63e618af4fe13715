import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Since when processing based on legitimate interest is restricted for the person (an objection or
 * restriction request under art. 21 / art. 18 open or upheld): while set, the profile is listed to
 * no one outside the tenant's own staff and no marketing mail reaches the person. Null: no restriction.
 */
export class ProfileProcessingRestriction1732209600300 implements MigrationInterface {
  name = 'ProfileProcessingRestriction1732209600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles ADD COLUMN processing_restricted_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles DROP COLUMN processing_restricted_at`);
  }
}
