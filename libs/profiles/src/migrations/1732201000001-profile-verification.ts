import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * E-mail verification tokens (only their hash is kept, single use, with an expiry) and the rule
 * that an alias names one profile within a tenant, since it stands in for the person's name.
 */
export class ProfileVerification1732201000001 implements MigrationInterface {
  name = 'ProfileVerification1732201000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles ADD CONSTRAINT profiles_alias_unique UNIQUE (tenant_id, alias)`);
    await q.query(`
      CREATE TABLE email_verification_tokens (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX email_verification_tokens_account ON email_verification_tokens (tenant_id, account_id)`);
    for (const sql of tenantTableSecurity('email_verification_tokens')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_verification_tokens`);
    await q.query(`ALTER TABLE profiles DROP CONSTRAINT profiles_alias_unique`);
  }
}
