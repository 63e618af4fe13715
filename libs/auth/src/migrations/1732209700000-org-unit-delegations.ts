import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Delegated org-unit access: one org unit (a municipality) lets the staff of another (an execution
 * organisation, a support desk) reach its people for a dated period, until revoked. Who granted
 * and who revoked is in the audit log, not here: the table holds no person.
 */
export class OrgUnitDelegations1732209700000 implements MigrationInterface {
  name = 'OrgUnitDelegations1732209700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_unit_delegations (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        grantor_org_unit_id uuid NOT NULL,
        delegate_org_unit_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9-]{0,39}$'),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (valid_until > valid_from),
        CHECK (grantor_org_unit_id <> delegate_org_unit_id),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, grantor_org_unit_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, delegate_org_unit_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX org_unit_delegations_delegate ON org_unit_delegations (tenant_id, delegate_org_unit_id)`);
    await q.query(`CREATE INDEX org_unit_delegations_grantor ON org_unit_delegations (tenant_id, grantor_org_unit_id)`);
    for (const sql of tenantTableSecurity('org_unit_delegations', ['SELECT', 'INSERT', 'UPDATE'])) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_unit_delegations`);
  }
}
