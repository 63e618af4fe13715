import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Applications to vacancies. Attached documents are references to the applicant's own profile
 * documents, not copies: deleting a document from the profile removes it from every application,
 * so the person stays in control of where their CV lives.
 */
export class Applications1732201110000 implements MigrationInterface {
  name = 'Applications1732201110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE applications (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        vacancy_id uuid NOT NULL,
        applicant_id uuid NOT NULL,
        -- Empty only after anonymisation, which keeps the row for statistics but drops the words.
        motivation text NOT NULL CHECK (length(motivation) <= 10000),
        status text NOT NULL DEFAULT 'submitted'
          CHECK (status IN ('submitted', 'in-review', 'rejected', 'hired', 'withdrawn')),
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, vacancy_id) REFERENCES vacancies (tenant_id, id),
        FOREIGN KEY (tenant_id, applicant_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    // One open application per person and vacancy; after withdrawing one may apply again.
    await q.query(`
      CREATE UNIQUE INDEX applications_one_open ON applications (tenant_id, vacancy_id, applicant_id)
       WHERE status <> 'withdrawn'`);
    await q.query(`CREATE INDEX applications_applicant ON applications (tenant_id, applicant_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX applications_vacancy ON applications (tenant_id, vacancy_id, submitted_at DESC)`);
    await q.query(`
      CREATE TABLE application_documents (
        tenant_id uuid NOT NULL,
        application_id uuid NOT NULL,
        document_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, application_id, document_id),
        FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, document_id) REFERENCES profile_documents (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX application_documents_document ON application_documents (tenant_id, document_id)`);
    // What the applicant follows: every status with its moment. Who changed it is in the audit log.
    await q.query(`
      CREATE TABLE application_status_history (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        status text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX application_status_history_app ON application_status_history (tenant_id, application_id, at)`);
    for (const t of ['applications', 'application_documents', 'application_status_history'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_status_history, application_documents, applications`);
  }
}
