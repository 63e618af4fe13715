import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * The hashes a session's refresh token had before it rotated. Presenting one of them is reuse (a
 * stolen copy) and ends the session; anything else is a plain 401, so knowing a session id is not
 * enough to end someone's session.
 */
export class SessionRefreshHistory1732205100000 implements MigrationInterface {
  name = 'SessionRefreshHistory1732205100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_retired_refresh_tokens (
        tenant_id uuid NOT NULL,
        refresh_hash text NOT NULL,
        session_id uuid NOT NULL,
        retired_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, refresh_hash),
        FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX session_retired_refresh_tokens_session ON session_retired_refresh_tokens (tenant_id, session_id)`,
    );
    for (const sql of tenantTableSecurity('session_retired_refresh_tokens')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_retired_refresh_tokens`);
  }
}
