import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../libs/tenant-host/src/index.js';
import { FORGET_LOG_ACCOUNTS_SQL } from './vdab-partners.log-forgets-accounts.js';

/**
 * Statement 002 (VDAB, partners): jobseekers' dossiers created by the service, assignments that
 * let one partner organisation into one dossier for a period, the actions partners register there,
 * the log of every read and write (and of every refused attempt), the partner organisations'
 * machine credentials and their partner admins.
 *
 * People are referred to by account with a plain foreign key, cleared by the tenant's person-data
 * handler before the account goes (`ON DELETE SET NULL (col)` does not distribute on Citus, see
 * docs/scaling.md): when a partner staff member's data goes at the end of the retention term, the
 * actions stay in the dossier with the organisation (statement: "In de dossiers van werkzoekenden
 * worden de acties bewaard").
 */
export class VdabPartners1732210000000 implements MigrationInterface {
  name = 'VdabPartners1732210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vdab_dossiers (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 40),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 80),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 120),
        created_at timestamptz NOT NULL,
        created_by uuid,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, reference),
        FOREIGN KEY (tenant_id, created_by) REFERENCES accounts (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE vdab_assignments (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        dossier_id uuid NOT NULL,
        kind text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id) ON DELETE RESTRICT,
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES vdab_dossiers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX vdab_assignments_dossier ON vdab_assignments (tenant_id, dossier_id, organisation_id)`);
    await q.query(`CREATE INDEX vdab_assignments_organisation ON vdab_assignments (tenant_id, organisation_id, starts_at)`);
    await q.query(`
      CREATE TABLE vdab_credentials (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid,
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, created_by) REFERENCES accounts (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE vdab_actions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        type text NOT NULL,
        action_date date NOT NULL,
        outcome text NOT NULL,
        notes text,
        recorded_by uuid,
        credential_id uuid,
        idempotency_key text,
        request_hash text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, organisation_id, idempotency_key),
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES vdab_dossiers (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, assignment_id) REFERENCES vdab_assignments (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id) ON DELETE RESTRICT,
        FOREIGN KEY (tenant_id, recorded_by) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, credential_id) REFERENCES vdab_credentials (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX vdab_actions_dossier ON vdab_actions (tenant_id, dossier_id, action_date)`);
    // The dossier id is not a foreign key: an attempt on an id that does not exist is logged too.
    await q.query(`
      CREATE TABLE vdab_dossier_log (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        account_id uuid,
        credential_id uuid,
        organisation_id uuid,
        dossier_id uuid NOT NULL,
        what text NOT NULL,
        allowed boolean NOT NULL,
        flagged boolean NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, credential_id) REFERENCES vdab_credentials (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX vdab_dossier_log_account ON vdab_dossier_log (tenant_id, account_id, id)`);
    await q.query(`CREATE INDEX vdab_dossier_log_organisation ON vdab_dossier_log (tenant_id, organisation_id, at)`);
    await q.query(`
      CREATE TABLE vdab_partner_admins (
        tenant_id uuid NOT NULL,
        account_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        granted_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, account_id, organisation_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE
      )`);
    // A request for an account in the partner environment. The person's name and address are
    // cleared when the request is decided: an approved one lives on in the account, a refused one
    // has no purpose left (statement 002: "niet langer dan nodig").
    await q.query(`
      CREATE TABLE vdab_account_requests (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        email text CHECK (length(email) <= 254),
        display_name text CHECK (length(display_name) <= 120),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
        requested_by uuid,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz,
        account_id uuid,
        CHECK ((status = 'pending') = (email IS NOT NULL AND display_name IS NOT NULL)),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, requested_by) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
      )`);
    for (const t of ['vdab_dossiers', 'vdab_assignments', 'vdab_credentials', 'vdab_actions', 'vdab_partner_admins', 'vdab_account_requests'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
    // The log is append-only for the app: it may add entries and read them, never change or remove one.
    for (const sql of tenantTableSecurity('vdab_dossier_log', ['SELECT', 'INSERT'])) await q.query(sql);
    for (const sql of FORGET_LOG_ACCOUNTS_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS app.vdab_log_forget_accounts(uuid, uuid[])`);
    await q.query(`DROP TABLE vdab_account_requests, vdab_partner_admins, vdab_dossier_log, vdab_actions, vdab_credentials, vdab_assignments, vdab_dossiers`);
  }
}
