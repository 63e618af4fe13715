import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * The growing sign-in delay per address. Keyed by an HMAC of the address (never the address), and
 * kept for addresses without an account too, so a delay tells no one which addresses have
 * accounts. It replaces the per-account lock (`failed_logins`, `locked_until`), which a stranger
 * could renew for ever.
 */
export class SignInThrottle1732205110000 implements MigrationInterface {
  name = 'SignInThrottle1732205110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_throttles (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        address_key text NOT NULL,
        failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        delays integer NOT NULL DEFAULT 0 CHECK (delays >= 0),
        delay_until timestamptz,
        forget_after timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, address_key)
      )`);
    await q.query(
      `CREATE INDEX sign_in_throttles_forget ON sign_in_throttles (tenant_id, forget_after)`,
    );
    for (const sql of tenantTableSecurity('sign_in_throttles')) await q.query(sql);
    await q.query(`ALTER TABLE accounts DROP COLUMN failed_logins, DROP COLUMN locked_until`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE accounts ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`,
    );
    await q.query(`DROP TABLE sign_in_throttles`);
  }
}
