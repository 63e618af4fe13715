import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a claimed mail was handed to the SMTP server. A worker claims a batch, but talks to the
 * server a few mails at a time: only the mails marked here, just before their SMTP conversation,
 * can have gone out. When a lease runs out, those become `unconfirmed` (never resent) and the rest
 * of the claim is queued again, so a killed worker loses at most the mails it was sending.
 */
export class MailHandOff1732209100000 implements MigrationInterface {
  name = 'MailHandOff1732209100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_messages ADD COLUMN handed_off_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_messages DROP COLUMN handed_off_at`);
  }
}
