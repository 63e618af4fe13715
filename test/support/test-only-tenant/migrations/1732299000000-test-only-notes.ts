import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../../libs/tenant-host/src/index.js';

/** The test-only tenant's own table: a tenant brings its schema without touching the core's list. */
export class TestOnlyNotes1732299000000 implements MigrationInterface {
  name = 'TestOnlyNotes1732299000000';

  async up(q: QueryRunner): Promise<void> {
    // The CHECK is narrower than the route's validation on purpose: it gives the tests a real
    // database error to provoke through HTTP.
    await q.query(`
      CREATE TABLE test_only_notes (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        text text NOT NULL CHECK (length(text) <= 20),
        PRIMARY KEY (tenant_id, id)
      )`);
    for (const sql of tenantTableSecurity('test_only_notes')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_only_notes`);
  }
}
