import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * What a tenant that declares activity records of a person's use of the platform (sign-ins, opens
 * and clicks of personal mails), and when each nudge rule last mailed a person. An open is kept
 * once per mail, a click once per link of a mail: a mail client that loads the pixel ten times
 * says no more than once.
 */
export class Activity1732209880000 implements MigrationInterface {
  name = 'Activity1732209880000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_events (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('sign-in', 'mail-open', 'mail-click')),
        mail_message_id uuid,
        mail_template text,
        link smallint NOT NULL DEFAULT 0 CHECK (link >= 0),
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CHECK ((kind = 'sign-in') = (mail_message_id IS NULL))
      )`);
    await q.query(`CREATE INDEX activity_events_person ON activity_events (tenant_id, person_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX activity_events_age ON activity_events (tenant_id, occurred_at)`);
    await q.query(
      `CREATE UNIQUE INDEX activity_events_once_per_mail ON activity_events (tenant_id, mail_message_id, kind, link) WHERE mail_message_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE activity_nudges (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_id uuid NOT NULL,
        rule text NOT NULL,
        last_sent_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, person_id, rule)
      )`);
    for (const table of ['activity_events', 'activity_nudges']) for (const sql of tenantTableSecurity(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_nudges`);
    await q.query(`DROP TABLE activity_events`);
  }
}
