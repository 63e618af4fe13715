import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../libs/tenant-host/src/index.js';

/**
 * Documents attached to actions (statement 002: "bijgevoegde documenten"). The bytes live in the
 * core's file store under a random key; this row keeps type, size, hash and who attached it. The
 * row belongs to the jobseeker's dossier: it goes with the action (and so with the dossier), and
 * the uploader is a plain reference that erasing the uploader clears, like the action's `recorded_by`.
 */
export class VdabPartnersActionDocuments1732210000001 implements MigrationInterface {
  name = 'VdabPartnersActionDocuments1732210000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vdab_action_documents (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL,
        action_id uuid NOT NULL,
        organisation_id uuid,
        uploaded_by uuid,
        credential_id uuid,
        content_type text NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, storage_key),
        FOREIGN KEY (tenant_id, action_id) REFERENCES vdab_actions (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES vdab_dossiers (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id) ON DELETE RESTRICT,
        FOREIGN KEY (tenant_id, uploaded_by) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, credential_id) REFERENCES vdab_credentials (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX vdab_action_documents_action ON vdab_action_documents (tenant_id, action_id, created_at)`);
    await q.query(`CREATE INDEX vdab_action_documents_dossier ON vdab_action_documents (tenant_id, dossier_id)`);
    await q.query(`CREATE INDEX vdab_action_documents_uploader ON vdab_action_documents (tenant_id, uploaded_by)`);
    for (const sql of tenantTableSecurity('vdab_action_documents')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vdab_action_documents`);
  }
}
