import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class TenancyForeignKeyIndexes1732310000000 implements MigrationInterface {
  name = 'TenancyForeignKeyIndexes1732310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS tenant_domains_by_tenant ON tenant_domains (tenant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tenant_domains_by_tenant`);
  }
}
