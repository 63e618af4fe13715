import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An objection can name the one purpose it is about (`direct-marketing`, art. 21(2)) instead of all
 * processing based on legitimate interest. Only an objection can; requests received before keep
 * NULL, which is what they were: the whole of it.
 */
export class RightsObjectionPurpose1732209842000 implements MigrationInterface {
  name = 'RightsObjectionPurpose1732209842000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rights_requests ADD COLUMN purpose text
      CONSTRAINT rights_requests_purpose CHECK (purpose IS NULL OR (kind = 'objection' AND purpose IN ('direct-marketing')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rights_requests DROP COLUMN purpose`);
  }
}
