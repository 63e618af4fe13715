import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statement 003, 2.4: applying to a label vacancy asks whether to join the Talenten Etalage; the
 * answer is kept with the statement acceptance of that application (null for a registration).
 */
export class WinWinWerktApplyAnswers1732209700200 implements MigrationInterface {
  name = 'WinWinWerktApplyAnswers1732209700200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE winwinwerkt_statement_acceptances ADD COLUMN etalage_answer boolean`);
    await q.query(`ALTER TABLE winwinwerkt_statement_acceptances ADD CONSTRAINT winwinwerkt_etalage_answer_on_application
                     CHECK (etalage_answer IS NULL OR occasion = 'application')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE winwinwerkt_statement_acceptances DROP COLUMN etalage_answer`);
  }
}
