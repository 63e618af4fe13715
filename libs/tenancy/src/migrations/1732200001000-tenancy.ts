import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, tenantTableSecurity } from '../../../database/src/index.js';

/**
 * The tenant catalog (a reference table on Citus: small, read on every request) and the
 * tenant-owned policy settings.
 */
export class Tenancy1732200001000 implements MigrationInterface {
  name = 'Tenancy1732200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9-]{1,40}$'),
        plugin text NOT NULL,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE tenant_domains (
        host text PRIMARY KEY CHECK (host = lower(host)),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON tenants, tenant_domains TO ${APP_GROUP_ROLE}`);
    await q.query(`
      CREATE TABLE tenant_settings (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        key text NOT NULL,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        PRIMARY KEY (tenant_id, key)
      )`);
    for (const sql of tenantTableSecurity('tenant_settings')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenant_settings, tenant_domains, tenants`);
  }
}
