import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The label (brand site) a vacancy is published on, for tenants that declare labels (statement
 * 003: each label has its own vacancies). Null is the tenant's own site, and every vacancy of a
 * tenant without labels. The key is checked against the tenant's declared labels when written.
 */
export class VacancyLabel1732209700200 implements MigrationInterface {
  name = 'VacancyLabel1732209700200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vacancies ADD COLUMN label text CHECK (label ~ '^[a-z][a-z0-9-]{0,39}$')`);
    await q.query(`CREATE INDEX vacancies_label_posted ON vacancies (tenant_id, label, posted_at DESC) WHERE status = 'published'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vacancies_label_posted`);
    await q.query(`ALTER TABLE vacancies DROP COLUMN label`);
  }
}
