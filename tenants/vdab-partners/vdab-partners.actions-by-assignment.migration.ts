import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quality report reads an organisation's assignments in batches and counts each batch's
 * actions. Without an index on the assignment every batch would scan all of the tenant's actions,
 * so a report would cost batches x actions; with it, each assignment's count and first action are
 * read from the index alone.
 */
export class VdabPartnersActionsByAssignment1732210000300 implements MigrationInterface {
  name = 'VdabPartnersActionsByAssignment1732210000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX vdab_actions_assignment ON vdab_actions (tenant_id, assignment_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vdab_actions_assignment`);
  }
}
