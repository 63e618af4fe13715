import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An export is one archive in the file store instead of a JSON document in the row: the row names
 * the archive's key before any byte is written (so a crashed build leaves a file someone can find
 * and delete) and counts the steps done, so the person can follow the build.
 */
export class RightsExportArchives1732209600340 implements MigrationInterface {
  name = 'RightsExportArchives1732209600340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rights_exports
        ADD COLUMN archive_key text,
        ADD COLUMN steps_done integer NOT NULL DEFAULT 0 CHECK (steps_done >= 0),
        ADD COLUMN steps_total integer NOT NULL DEFAULT 0 CHECK (steps_total >= 0),
        DROP COLUMN document`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rights_exports
        ADD COLUMN document jsonb,
        DROP COLUMN steps_total,
        DROP COLUMN steps_done,
        DROP COLUMN archive_key`);
  }
}
