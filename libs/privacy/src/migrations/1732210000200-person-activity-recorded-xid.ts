import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which transaction last wrote each person's activity row, so a reader can ask for the rows
 * written since it last looked without scanning them all (the retention engine adopts people
 * with activity but no schedule row this way). A transaction id, not a timestamp: a reader
 * compares it with the oldest transaction still running when it last looked, which no late
 * commit can slip under; a timestamp is taken before the commit and can. xid8 carries the epoch,
 * so it never wraps.
 *
 * Rows from before this migration keep NULL: no reader has a position among them yet, and the
 * retention engine starts every schedule with a full pass (RetentionAdoptionWatermark).
 */
export class PersonActivityRecordedXid1732210000200 implements MigrationInterface {
  name = 'PersonActivityRecordedXid1732210000200';

  async up(q: QueryRunner): Promise<void> {
    // Added without a default, then given one: existing rows are not rewritten under a lock.
    await q.query(`ALTER TABLE person_activity ADD COLUMN recorded_xid xid8`);
    // Rows the previous release inserts during a rolling deploy get their transaction id too.
    await q.query(`ALTER TABLE person_activity ALTER COLUMN recorded_xid SET DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX person_activity_recorded ON person_activity (tenant_id, recorded_xid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_activity_recorded`);
    await q.query(`ALTER TABLE person_activity DROP COLUMN recorded_xid`);
  }
}
