import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../libs/tenant-host/src/index.js';

/**
 * WinWinWerkt's own records (statement 003): which label a candidate came through and when the last
 * registration reminder went out; which version of the statement a person accepted, when and
 * where; and the messages of each label's contact form. Rows about an account go with it.
 */
export class WinWinWerkt1732204070000 implements MigrationInterface {
  name = 'WinWinWerkt1732204070000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE winwinwerkt_candidates (
        tenant_id uuid NOT NULL,
        person_id uuid NOT NULL,
        label text CHECK (label IS NULL OR label ~ '^[a-z][a-z0-9-]{0,39}$'),
        enrolled_at timestamptz NOT NULL,
        last_reminder_at timestamptz,
        PRIMARY KEY (tenant_id, person_id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    for (const sql of tenantTableSecurity('winwinwerkt_candidates')) await q.query(sql);
    await q.query(`
      CREATE TABLE winwinwerkt_statement_acceptances (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        version text NOT NULL CHECK (version IN ('1.1', '1.2', '1.3')),
        occasion text NOT NULL CHECK (occasion IN ('registration', 'application')),
        label text CHECK (label IS NULL OR label ~ '^[a-z][a-z0-9-]{0,39}$'),
        vacancy_id uuid,
        accepted_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX winwinwerkt_statement_acceptances_person ON winwinwerkt_statement_acceptances (tenant_id, person_id)`);
    for (const sql of tenantTableSecurity('winwinwerkt_statement_acceptances')) await q.query(sql);
    await q.query(`
      CREATE TABLE winwinwerkt_contact_messages (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        label text CHECK (label IS NULL OR label ~ '^[a-z][a-z0-9-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        phone text CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 40),
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 4000),
        received_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX winwinwerkt_contact_messages_email ON winwinwerkt_contact_messages (tenant_id, email)`);
    for (const sql of tenantTableSecurity('winwinwerkt_contact_messages')) await q.query(sql);
    // Statement 2.6: advertisers' vacancies, applied for at the employer; nothing about a candidate.
    await q.query(`
      CREATE TABLE winwinwerkt_advertisements (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        label text CHECK (label IS NULL OR label ~ '^[a-z][a-z0-9-]{0,39}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
        employer_name text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 160),
        description text NOT NULL CHECK (length(description) BETWEEN 10 AND 8000),
        city text NOT NULL CHECK (length(city) BETWEEN 1 AND 120),
        apply_url text CHECK (apply_url IS NULL OR length(apply_url) <= 500),
        apply_email text CHECK (apply_email IS NULL OR length(apply_email) <= 254),
        publish_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CHECK (apply_url IS NOT NULL OR apply_email IS NOT NULL)
      )`);
    for (const sql of tenantTableSecurity('winwinwerkt_advertisements')) await q.query(sql);
    // Statement 2.3: the Talenten Etalage. The entry's own id is what employers see, never the person's.
    await q.query(`
      CREATE TABLE winwinwerkt_etalage (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        coach_org_id uuid NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, person_id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, coach_org_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX winwinwerkt_etalage_coach ON winwinwerkt_etalage (tenant_id, coach_org_id)`);
    for (const sql of tenantTableSecurity('winwinwerkt_etalage')) await q.query(sql);
    // Statement 3.4: how each subscriber opted in (form, label, date, the text shown).
    await q.query(`
      CREATE TABLE winwinwerkt_newsletter_subscriptions (
        tenant_id uuid NOT NULL,
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 80),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 120),
        company text CHECK (company IS NULL OR length(company) BETWEEN 1 AND 160),
        form text NOT NULL,
        label text CHECK (label IS NULL OR label ~ '^[a-z][a-z0-9-]{0,39}$'),
        text_shown text NOT NULL,
        text_version text NOT NULL,
        opted_in_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, email)
      )`);
    for (const sql of tenantTableSecurity('winwinwerkt_newsletter_subscriptions')) await q.query(sql);
    // Statement 4: relations, clients and suppliers, kept while the relation lasts, then on a schedule.
    await q.query(`
      CREATE TABLE winwinwerkt_relations (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('relation', 'prospect', 'client', 'supplier')),
        organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 160),
        contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 160),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        phone text CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 40),
        created_at timestamptz NOT NULL,
        ended_at timestamptz,
        delete_after timestamptz,
        PRIMARY KEY (tenant_id, id),
        CHECK ((ended_at IS NULL) = (delete_after IS NULL))
      )`);
    await q.query(`CREATE INDEX winwinwerkt_relations_due ON winwinwerkt_relations (tenant_id, delete_after) WHERE delete_after IS NOT NULL`);
    for (const sql of tenantTableSecurity('winwinwerkt_relations')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE winwinwerkt_newsletter_subscriptions`);
    await q.query(`DROP TABLE winwinwerkt_relations`);
    await q.query(`DROP TABLE winwinwerkt_etalage`);
    await q.query(`DROP TABLE winwinwerkt_advertisements`);
    await q.query(`DROP TABLE winwinwerkt_contact_messages`);
    await q.query(`DROP TABLE winwinwerkt_statement_acceptances`);
    await q.query(`DROP TABLE winwinwerkt_candidates`);
  }
}
