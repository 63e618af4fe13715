import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../libs/tenant-host/src/index.js';

/**
 * The municipality's client number of each enrolled person: what makes the import idempotent (a
 * row whose client number is known creates nothing). It goes with the account.
 */
export class HalloWerk1732204060000 implements MigrationInterface {
  name = 'HalloWerk1732204060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hallowerk_client_numbers (
        tenant_id uuid NOT NULL,
        client_number text NOT NULL CHECK (length(client_number) BETWEEN 1 AND 40),
        person_id uuid NOT NULL,
        municipality_id uuid NOT NULL,
        enrolled_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, client_number),
        UNIQUE (tenant_id, person_id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, municipality_id) REFERENCES org_units (tenant_id, id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX hallowerk_client_numbers_municipality ON hallowerk_client_numbers (tenant_id, municipality_id)`);
    for (const sql of tenantTableSecurity('hallowerk_client_numbers')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hallowerk_client_numbers`);
  }
}
