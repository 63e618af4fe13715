import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/** When each person last interacted, signed in and clicked a reminder link. */
export class PersonActivity1732200004000 implements MigrationInterface {
  name = 'PersonActivity1732200004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_activity (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_id uuid NOT NULL,
        person_kind text NOT NULL,
        last_interaction_at timestamptz NOT NULL,
        last_sign_in_at timestamptz,
        last_link_click_at timestamptz,
        PRIMARY KEY (tenant_id, person_id)
      )`);
    for (const sql of tenantTableSecurity('person_activity')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_activity`);
  }
}
