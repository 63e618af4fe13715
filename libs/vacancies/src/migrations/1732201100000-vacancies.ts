import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Vacancies of employer organisation units, their named contact recruiters and the employer's
 * managers. The full-text vector holds both Dutch and English stems, so a search in either
 * language finds the vacancy whatever language it was written in.
 */
export class Vacancies1732201100000 implements MigrationInterface {
  name = 'Vacancies1732201100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vacancies (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        org_unit_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        description text NOT NULL CHECK (length(description) BETWEEN 20 AND 20000),
        city text NOT NULL,
        postcode text,
        country text,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        hours_min integer NOT NULL CHECK (hours_min BETWEEN 1 AND 60),
        hours_max integer NOT NULL CHECK (hours_max BETWEEN 1 AND 60),
        contract_type text NOT NULL,
        education_level text NOT NULL,
        salary_min numeric(12, 2),
        salary_max numeric(12, 2),
        salary_currency text,
        salary_unit text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
        publish_from timestamptz,
        publish_until timestamptz NOT NULL,
        published_at timestamptz,
        posted_at timestamptz GENERATED ALWAYS AS (GREATEST(published_at, publish_from)) STORED,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('dutch', description), 'B') || setweight(to_tsvector('english', description), 'B')
        ) STORED,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id),
        CHECK (hours_min <= hours_max),
        CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CHECK (publish_from IS NULL OR publish_from < publish_until),
        CHECK (status = 'draft' OR published_at IS NOT NULL),
        CHECK ((salary_min IS NULL) = (salary_currency IS NULL) AND (salary_min IS NULL) = (salary_unit IS NULL)),
        CHECK (salary_max IS NULL OR (salary_min IS NOT NULL AND salary_min <= salary_max))
      )`);
    await q.query(`CREATE INDEX vacancies_listing ON vacancies (tenant_id, status, posted_at DESC, id DESC)`);
    await q.query(`CREATE INDEX vacancies_org_unit ON vacancies (tenant_id, org_unit_id)`);
    await q.query(`CREATE INDEX vacancies_search ON vacancies USING gin (search_vector)`);
    await q.query(`
      CREATE TABLE vacancy_contacts (
        tenant_id uuid NOT NULL,
        vacancy_id uuid NOT NULL,
        account_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, vacancy_id, account_id),
        FOREIGN KEY (tenant_id, vacancy_id) REFERENCES vacancies (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX vacancy_contacts_account ON vacancy_contacts (tenant_id, account_id)`);
    // A manager is a member of the employer unit with an explicit designation; leaving the unit
    // (membership row deleted) ends the designation with it.
    await q.query(`
      CREATE TABLE employer_managers (
        tenant_id uuid NOT NULL,
        org_unit_id uuid NOT NULL,
        account_id uuid NOT NULL,
        designated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, org_unit_id, account_id),
        FOREIGN KEY (tenant_id, account_id, org_unit_id) REFERENCES account_org_units (tenant_id, account_id, org_unit_id) ON DELETE CASCADE
      )`);
    for (const t of ['vacancies', 'vacancy_contacts', 'employer_managers'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE employer_managers, vacancy_contacts, vacancies`);
  }
}
