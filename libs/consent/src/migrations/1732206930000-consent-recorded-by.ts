import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erasing a staff member unlinks the consents they recorded for others: found by this index, not a scan of the ledger. */
export class ConsentRecordedBy1732206930000 implements MigrationInterface {
  name = 'ConsentRecordedBy1732206930000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX consent_events_recorded_by ON consent_events (tenant_id, recorded_by) WHERE recorded_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consent_events_recorded_by`);
  }
}
