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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connections DROP COLUMN profile_handle, DROP COLUMN profile_alias`);
  }
}
