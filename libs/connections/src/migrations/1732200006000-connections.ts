import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Connection requests between an employer organisation and a person (statement 000): only after
 * the person accepts does that employer see identity and contact data.
 */
export class Connections1732200006000 implements MigrationInterface {
  name = 'Connections1732200006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connections (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        employer_org_unit_id uuid NOT NULL,
        requested_by uuid,
        status text NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'withdrawn')),
        message text,
        requested_at timestamptz NOT NULL,
        answered_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, employer_org_unit_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, requested_by) REFERENCES accounts (tenant_id, id) ON DELETE SET NULL (requested_by)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX connections_one_open ON connections (tenant_id, person_id, employer_org_unit_id)
       WHERE status IN ('requested', 'accepted')`);
    for (const sql of tenantTableSecurity('connections')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connections`);
  }
}
