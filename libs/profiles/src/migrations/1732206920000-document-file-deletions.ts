import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Document files whose deletion was decided in a committed transaction but not yet done (the
 * process may die right after COMMIT), and uploaded bytes whose row has not committed yet.
 * Holds storage keys only; the sweep empties it.
 */
export class DocumentFileDeletions1732206920000 implements MigrationInterface {
  name = 'DocumentFileDeletions1732206920000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_file_deletions (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        storage_key text NOT NULL,
        due_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, storage_key)
      )`);
    await q.query(`CREATE INDEX document_file_deletions_due ON document_file_deletions (tenant_id, due_at)`);
    for (const sql of tenantTableSecurity('document_file_deletions', ['SELECT', 'INSERT', 'UPDATE', 'DELETE'])) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_file_deletions`);
  }
}
