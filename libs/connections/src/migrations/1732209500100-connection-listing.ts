import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The listing an employer asked about: its public handle and alias at the time of the request.
 * The employer's view of a connection shows that alias, and the handle only while the profile
 * still carries it, so a connection made to the named listing never points at the anonymous one
 * the person later steps into (nor the other way round). Rows predating this keep both empty.
 */
export class ConnectionListing1732209500100 implements MigrationInterface {
  name = 'ConnectionListing1732209500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connections ADD COLUMN profile_handle text, ADD COLUMN profile_alias text`);
    await q.query(`DROP INDEX connections_one_open`);
    await q.query(`
      CREATE UNIQUE INDEX connections_one_open ON connections (tenant_id, person_id, employer_org_unit_id, (coalesce(profile_handle, '')))
       WHERE status IN ('requested', 'accepted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX connections_one_open`);
    await q.query(`ALTER TABLE connections DROP COLUMN profile_handle, DROP COLUMN profile_alias`);
    await q.query(`
      CREATE UNIQUE INDEX connections_one_open ON connections (tenant_id, person_id, employer_org_unit_id)
       WHERE status IN ('requested', 'accepted')`);
  }
}
