import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * The consent ledger (every grant and withdrawal, never rewritten) and the current state per
 * person and purpose, which read paths and search join against so withdrawal takes effect at once.
 */
export class Consent1732200005000 implements MigrationInterface {
  name = 'Consent1732200005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent_events (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        at timestamptz NOT NULL,
        channel text NOT NULL,
        policy_version text NOT NULL,
        text_shown text NOT NULL,
        recorded_by uuid,
        scope_id uuid,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX consent_events_person ON consent_events (tenant_id, person_id, at)`);
    await q.query(`
      CREATE TABLE consent_state (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_id uuid NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        policy_version text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, person_id, purpose)
      )`);
    for (const t of ['consent_events', 'consent_state']) for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consent_state, consent_events`);
  }
}
