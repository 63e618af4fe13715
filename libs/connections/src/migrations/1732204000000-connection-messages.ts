import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Chat between the two parties of an accepted connection (statement 000), and who ended a
 * connection: the person ending it withdraws the consent given when accepting.
 */
export class ConnectionMessages1732204000000 implements MigrationInterface {
  name = 'ConnectionMessages1732204000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE connections
        ADD COLUMN ended_by text CHECK (ended_by IN ('employer', 'jobseeker')),
        ADD COLUMN ended_at timestamptz`);
    await q.query(`CREATE INDEX connections_by_person ON connections (tenant_id, person_id)`);
    await q.query(`CREATE INDEX connections_by_employer ON connections (tenant_id, employer_org_unit_id, requested_at)`);
    await q.query(`
      CREATE TABLE connection_messages (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        -- Orders a conversation even when two messages share a timestamp.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        connection_id uuid NOT NULL,
        sender_id uuid,
        sender_side text NOT NULL CHECK (sender_side IN ('employer', 'jobseeker')),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, sender_id) REFERENCES accounts (tenant_id, id) ON DELETE SET NULL (sender_id)
      )`);
    await q.query(
      `CREATE INDEX connection_messages_by_connection ON connection_messages (tenant_id, connection_id, seq)`,
    );
    await q.query(`CREATE INDEX connection_messages_by_sender ON connection_messages (tenant_id, sender_id)`);
    for (const sql of tenantTableSecurity('connection_messages')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connection_messages`);
    await q.query(`DROP INDEX connections_by_person, connections_by_employer`);
    await q.query(`ALTER TABLE connections DROP COLUMN ended_by, DROP COLUMN ended_at`);
  }
}
