import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a mail record keeps once the mail is final (sent, failed, suppressed, unconfirmed, bounced),
 * enforced by the database whatever code path writes the status:
 * - never the variables the body was rendered from;
 * - for a mail enqueued with `forgetRecipient` (the confirmation that someone's data is erased),
 *   not the recipient either: address, its hash and person go, so the record of that last mail
 *   cannot lead back to the person;
 * - no e-mail address inside an SMTP error text.
 * `about_person_id` names the person a mail to someone else is about (a connection accepted), so
 * erasing that person takes the mail and its record with them.
 */
export class MailRecordForgets1732206910000 implements MigrationInterface {
  name = 'MailRecordForgets1732206910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mail_messages
        ALTER COLUMN recipient_address DROP NOT NULL,
        ALTER COLUMN address_hash DROP NOT NULL,
        ADD COLUMN about_person_id uuid,
        ADD COLUMN forget_recipient boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT mail_messages_recipient_until_final
          CHECK (recipient_address IS NOT NULL OR status IN ('sent', 'failed', 'suppressed', 'unconfirmed', 'bounced'))`);
    await q.query(`CREATE INDEX mail_messages_about ON mail_messages (tenant_id, about_person_id) WHERE about_person_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION app.mail_messages_keep_little() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.last_error IS NOT NULL THEN
          NEW.last_error := regexp_replace(NEW.last_error, '[^[:space:]<>"'',;:()]+@[^[:space:]<>"'',;:()]+', '<address>', 'g');
        END IF;
        IF NEW.status IN ('sent', 'failed', 'suppressed', 'unconfirmed', 'bounced') THEN
          NEW.variables := NULL;
          IF NEW.forget_recipient THEN
            NEW.recipient_address := NULL;
            NEW.address_hash := NULL;
            NEW.person_id := NULL;
            NEW.person_kind := NULL;
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER mail_messages_keep_little BEFORE INSERT OR UPDATE ON mail_messages
      FOR EACH ROW EXECUTE FUNCTION app.mail_messages_keep_little()`);
    // Records written before: the same rules, once (tenant by tenant, under row-level security).
    for (const { id } of (await q.query(`SELECT id FROM tenants`)) as { id: string }[]) {
      await q.query(`SELECT app.set_tenant($1)`, [id]);
      await q.query(`UPDATE mail_messages SET last_error = last_error WHERE tenant_id = $1 AND last_error LIKE '%@%'`, [id]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER mail_messages_keep_little ON mail_messages`);
    await q.query(`DROP FUNCTION app.mail_messages_keep_little()`);
    await q.query(`DROP INDEX mail_messages_about`);
    await q.query(`ALTER TABLE mail_messages DROP CONSTRAINT mail_messages_recipient_until_final,
                     DROP COLUMN forget_recipient, DROP COLUMN about_person_id`);
  }
}
