import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Jobseeker profiles: the tenant-declared field values in one JSONB document (validated against
 * the tenant's declaration on every write), plus the columns rules and retention query directly.
 */
export class Profiles1732201000000 implements MigrationInterface {
  name = 'Profiles1732201000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE profiles (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'active', 'inactive', 'anonymous')),
        alias text NOT NULL,
        fields jsonb NOT NULL DEFAULT '{}',
        org_unit_id uuid,
        visible_to_employers boolean NOT NULL DEFAULT true,
        activated_at timestamptz,
        listed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE profile_documents (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        profile_id uuid NOT NULL,
        field_key text NOT NULL,
        content_type text NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        storage_key text NOT NULL,
        original_name text NOT NULL,
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, storage_key),
        FOREIGN KEY (tenant_id, profile_id) REFERENCES profiles (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX profile_documents_profile ON profile_documents (tenant_id, profile_id)`);
    await q.query(`CREATE INDEX profiles_state ON profiles (tenant_id, state, activated_at)`);
    for (const t of ['profiles', 'profile_documents']) for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE profile_documents, profiles`);
  }
}
