import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * The mail outbox and record in one table: a row is written in the same transaction as the change
 * that causes it, the worker claims it with a lease, and once final it keeps only metadata (the
 * variables the body was rendered from are cleared). Suppressions hold a tenant-salted hash of the
 * address, never the address itself, so an opt-out can outlive the erasure of the person.
 */
export class Mail1732202000000 implements MigrationInterface {
  name = 'Mail1732202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_messages (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL,
        template text NOT NULL,
        category text NOT NULL CHECK (category IN ('transactional', 'reminder', 'alert', 'notification', 'newsletter')),
        locale text NOT NULL,
        brand text,
        recipient_address text NOT NULL,
        address_hash text NOT NULL,
        person_id uuid,
        person_kind text,
        variables jsonb,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'suppressed', 'unconfirmed', 'bounced')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        last_error text,
        message_id_header text NOT NULL,
        provider_message_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sent_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, idempotency_key),
        UNIQUE (tenant_id, message_id_header)
      )`);
    await q.query(`CREATE INDEX mail_messages_due ON mail_messages (tenant_id, next_attempt_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX mail_messages_sending ON mail_messages (tenant_id, lease_until) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX mail_messages_person ON mail_messages (tenant_id, person_id)`);
    await q.query(`CREATE INDEX mail_messages_address ON mail_messages (tenant_id, address_hash, created_at)`);
    await q.query(`CREATE INDEX mail_messages_finished ON mail_messages (tenant_id, finished_at) WHERE finished_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE mail_suppressions (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        address_hash text NOT NULL,
        category text NOT NULL CHECK (category IN ('*', 'reminder', 'alert', 'notification', 'newsletter')),
        reason text NOT NULL CHECK (reason IN ('unsubscribed', 'hard-bounce', 'complaint')),
        person_id uuid,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, address_hash, category)
      )`);
    await q.query(`CREATE INDEX mail_suppressions_person ON mail_suppressions (tenant_id, person_id)`);
    for (const t of ['mail_messages', 'mail_suppressions']) for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_suppressions, mail_messages`);
  }
}
