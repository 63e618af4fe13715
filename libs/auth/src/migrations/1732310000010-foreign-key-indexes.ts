import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key that had none. Deleting (or erasing) the row a key points at
 * makes PostgreSQL look for the rows that point at it, once per deleted row: without an index
 * leading with the key's columns that is a scan of the whole table for each person the retention
 * sweep erases, or for each account whose sessions are all revoked. Guarded by
 * test/scale/citus-shape.spec.ts.
 */
export class AuthForeignKeyIndexes1732310000010 implements MigrationInterface {
  name = 'AuthForeignKeyIndexes1732310000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (tenant_id, account_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS org_units_by_parent ON org_units (tenant_id, parent_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS account_org_units_by_org_unit ON account_org_units (tenant_id, org_unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS sessions_by_account`);
    await q.query(`DROP INDEX IF EXISTS org_units_by_parent`);
    await q.query(`DROP INDEX IF EXISTS account_org_units_by_org_unit`);
  }
}
