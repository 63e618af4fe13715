import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Accounts, organisation units and refresh sessions. The tenant id leads every key, so the same
 * e-mail address can exist in two tenants independently and the tables distribute on Citus.
 */
export class Accounts1732200002000 implements MigrationInterface {
  name = 'Accounts1732200002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_units (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_id uuid,
        kind text NOT NULL,
        key text NOT NULL,
        name text NOT NULL,
        candidate_bank_access boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, key),
        FOREIGN KEY (tenant_id, parent_id) REFERENCES org_units (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE accounts (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text,
        display_name text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['platform-operator','tenant-admin','staff','employer','jobseeker','partner']),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'disabled')),
        locale text NOT NULL DEFAULT 'nl',
        email_verified_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, email)
      )`);
    await q.query(`
      CREATE TABLE account_org_units (
        tenant_id uuid NOT NULL,
        account_id uuid NOT NULL,
        org_unit_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, account_id, org_unit_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE sessions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        refresh_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, refresh_hash),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    for (const t of ['org_units', 'accounts', 'account_org_units', 'sessions'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions, account_org_units, accounts, org_units`);
  }
}
