import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The value entries written before entries carried their activity get: their activity was never recorded. */
const UNCLASSIFIED = 'unclassified-before-logboek';

/**
 * Every audit entry names the processing activity of the register it belongs to (Logboek
 * Dataverwerkingen). The entries already written get `unclassified-before-logboek` rather than a
 * guess: the log is evidence, and an activity inferred afterwards would be a claim nobody made at
 * the time. The backfill is the column's default (no row is rewritten, so the append-only trigger
 * stays on). The default stays for now: it is an expand step, and the release still running during
 * the deploy writes entries without an activity, which are unclassified as truly as the old ones.
 * The new code always names one (AuditService refuses an entry without); dropping the default is
 * the contract step for the release after.
 */
export class AuditProcessingActivity1732209841000 implements MigrationInterface {
  name = 'AuditProcessingActivity1732209841000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN processing_activity text NOT NULL DEFAULT '${UNCLASSIFIED}'`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_processing_activity CHECK (processing_activity ~ '^[a-z][a-z0-9-]{2,60}$')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_processing_activity`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN processing_activity`);
  }
}
