import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Vacancy alerts for anyone, with or without an account (statement 003, 2.5): a subscriber (name
 * and address only) with one or more alerts. The subscriber row exists only while it has alerts;
 * deliveries record which vacancy each alert has had, so none is ever sent twice.
 */
export class Alerts1732201150000 implements MigrationInterface {
  name = 'Alerts1732201150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_subscribers (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        email text NOT NULL CHECK (email = lower(email)),
        locale text NOT NULL,
        -- Bumping it invalidates every manage link sent so far.
        link_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, email)
      )`);
    await q.query(`
      CREATE TABLE vacancy_alerts (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        subscriber_id uuid NOT NULL,
        keywords text CHECK (length(keywords) BETWEEN 1 AND 200),
        location_label text CHECK (length(location_label) BETWEEN 1 AND 100),
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        distance_km integer CHECK (distance_km BETWEEN 1 AND 300),
        hours_min integer CHECK (hours_min BETWEEN 1 AND 60),
        hours_max integer CHECK (hours_max BETWEEN 1 AND 60),
        frequency text NOT NULL CHECK (frequency IN ('immediate', 'daily')),
        confirmed_at timestamptz,
        -- Vacancies online up to here have been matched against the alert: each run looks only at
        -- what came online since, so the cost follows new vacancies, not every alert times every vacancy.
        matched_until timestamptz,
        last_digest_at timestamptz,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, subscriber_id) REFERENCES alert_subscribers (tenant_id, id) ON DELETE CASCADE,
        CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CHECK ((latitude IS NULL) = (distance_km IS NULL)),
        CHECK ((confirmed_at IS NULL) = (matched_until IS NULL)),
        CHECK (hours_min IS NULL OR hours_max IS NULL OR hours_min <= hours_max)
      )`);
    await q.query(`CREATE INDEX vacancy_alerts_subscriber ON vacancy_alerts (tenant_id, subscriber_id)`);
    await q.query(`CREATE INDEX vacancy_alerts_due ON vacancy_alerts (tenant_id, frequency, confirmed_at)`);
    await q.query(`CREATE INDEX vacancy_alerts_unconfirmed ON vacancy_alerts (tenant_id, created_at) WHERE confirmed_at IS NULL`);
    await q.query(`
      CREATE TABLE alert_deliveries (
        tenant_id uuid NOT NULL,
        alert_id uuid NOT NULL,
        vacancy_id uuid NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, alert_id, vacancy_id),
        FOREIGN KEY (tenant_id, alert_id) REFERENCES vacancy_alerts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, vacancy_id) REFERENCES vacancies (tenant_id, id) ON DELETE CASCADE
      )`);
    for (const t of ['alert_subscribers', 'vacancy_alerts', 'alert_deliveries'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_deliveries, vacancy_alerts, alert_subscribers`);
  }
}
