import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The label (brand site) an alert was made on: it matches that label's vacancies only and is
 * mailed in that label's look and sender (statement 003). Null is the tenant's own site.
 */
export class AlertLabel1732209700300 implements MigrationInterface {
  name = 'AlertLabel1732209700300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vacancy_alerts ADD COLUMN label text CHECK (label ~ '^[a-z][a-z0-9-]{0,39}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vacancy_alerts DROP COLUMN label`);
  }
}
