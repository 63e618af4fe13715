import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index under each foreign key of this module that had none, so that deleting the row a key
 * points at does not scan this table once per deleted row (the full reason is on
 * AuthForeignKeyIndexes1732310000010; guarded by test/scale/citus-shape.spec.ts).
 */
export class VdabPartnersForeignKeyIndexes1732310000110 implements MigrationInterface {
  name = 'VdabPartnersForeignKeyIndexes1732310000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_partner_admins_by_organisation ON vdab_partner_admins (tenant_id, organisation_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_account_requests_by_organisation ON vdab_account_requests (tenant_id, organisation_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_account_requests_by_requester ON vdab_account_requests (tenant_id, requested_by)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_account_requests_by_account ON vdab_account_requests (tenant_id, account_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_action_documents_by_organisation ON vdab_action_documents (tenant_id, organisation_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_action_documents_by_credential ON vdab_action_documents (tenant_id, credential_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_dossiers_by_creator ON vdab_dossiers (tenant_id, created_by)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_credentials_by_creator ON vdab_credentials (tenant_id, created_by)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_actions_by_recorder ON vdab_actions (tenant_id, recorded_by)`);
    // (tenant_id, assignment_id) is served by vdab_actions_assignment, the quality report's index.
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_actions_by_credential ON vdab_actions (tenant_id, credential_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS vdab_dossier_log_by_credential ON vdab_dossier_log (tenant_id, credential_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS vdab_partner_admins_by_organisation`);
    await q.query(`DROP INDEX IF EXISTS vdab_account_requests_by_organisation`);
    await q.query(`DROP INDEX IF EXISTS vdab_account_requests_by_requester`);
    await q.query(`DROP INDEX IF EXISTS vdab_account_requests_by_account`);
    await q.query(`DROP INDEX IF EXISTS vdab_action_documents_by_organisation`);
    await q.query(`DROP INDEX IF EXISTS vdab_action_documents_by_credential`);
    await q.query(`DROP INDEX IF EXISTS vdab_dossiers_by_creator`);
    await q.query(`DROP INDEX IF EXISTS vdab_credentials_by_creator`);
    await q.query(`DROP INDEX IF EXISTS vdab_actions_by_recorder`);
    await q.query(`DROP INDEX IF EXISTS vdab_actions_by_credential`);
    await q.query(`DROP INDEX IF EXISTS vdab_dossier_log_by_credential`);
  }
}
