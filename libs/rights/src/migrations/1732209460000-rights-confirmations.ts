import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Requests asked for by e-mail confirmation (the person cannot sign in): what was asked waits here
 * under the hash of the mailed token until the mailbox holder confirms it, at most a day. The row
 * goes with the account (erasure deletes it too).
 */
export class RightsConfirmations1732209460000 implements MigrationInterface {
  name = 'RightsConfirmations1732209460000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rights_confirmations (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        token_hash text NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('access','portability','rectification','erasure','restriction','objection')),
        details text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX rights_confirmations_person ON rights_confirmations (tenant_id, person_id)`);
    for (const sql of tenantTableSecurity('rights_confirmations')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rights_confirmations`);
  }
}
