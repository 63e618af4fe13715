import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { APP_GROUP_ROLE, runMigrations } from '../../../database/src/index.js';
import { CORE_MIGRATIONS } from '../../../platform/src/capabilities.js';
import { AuditProcessingActivity1732209841000 } from '../migrations/1732209841000-audit-processing-activity.js';

/**
 * Entries written before entries named their processing activity get the documented
 * `unclassified-before-logboek`, not a guess; the column is NOT NULL. An expand step: the release
 * still running during the deploy keeps writing, its entries unclassified too. On a database of its
 * own, as the migration touches every tenant's rows.
 */
describe('the audit processing-activity migration', () => {
  const serverUrl = process.env.DATABASE_URL!;
  const database = `audit_activity_${Date.now()}_${process.pid}`;
  const scratchUrl = (() => {
    const u = new URL(serverUrl);
    u.pathname = `/${database}`;
    return u.toString();
  })();
  let db: pg.Client;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`DO $$ BEGIN CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
                       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.end();
    db = new pg.Client({ connectionString: scratchUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('marks older entries unclassified-before-logboek without rewriting them, the column NOT NULL, and the previous release can still write', async () => {
    await runMigrations(scratchUrl, CORE_MIGRATIONS.slice(0, CORE_MIGRATIONS.indexOf(AuditProcessingActivity1732209841000)));
    const tenant = randomUUID();
    await db.query(`INSERT INTO tenants (id, key, plugin, name) VALUES ($1, 'old-tenant', 'kandidatenbank', 'Old')`, [tenant]);
    await db.query(
      `INSERT INTO audit_log (tenant_id, actor_kind, action, subject_type) VALUES ($1, 'system', 'profile.read', 'profile'), ($1, 'system', 'search.run', 'search')`,
      [tenant],
    );
    await runMigrations(scratchUrl, CORE_MIGRATIONS);

    const { rows } = await db.query(`SELECT action, processing_activity FROM audit_log WHERE tenant_id = $1 ORDER BY id`, [tenant]);
    expect(rows).toEqual([
      { action: 'profile.read', processing_activity: 'unclassified-before-logboek' },
      { action: 'search.run', processing_activity: 'unclassified-before-logboek' },
    ]);
    const column = await db.query(
      `SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = 'audit_log' AND column_name = 'processing_activity'`,
    );
    expect(column.rows).toEqual([{ is_nullable: 'NO', column_default: "'unclassified-before-logboek'::text" }]);
    // What the release still running writes during the deploy (it names no activity).
    await db.query(`INSERT INTO audit_log (tenant_id, actor_kind, action, subject_type) VALUES ($1, 'system', 'profile.read', 'profile')`, [tenant]);
    await expect(
      db.query(`INSERT INTO audit_log (tenant_id, actor_kind, action, processing_activity, subject_type) VALUES ($1, 'system', 'profile.read', NULL, 'profile')`, [tenant]),
    ).rejects.toThrow(/processing_activity/);
    await expect(
      db.query(`UPDATE audit_log SET processing_activity = 'candidate-search' WHERE tenant_id = $1`, [tenant]),
    ).rejects.toThrow(/append-only/);
  });
});
