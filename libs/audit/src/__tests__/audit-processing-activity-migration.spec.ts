import { randomUUID } from 'node:crypto';
import { runMigrations } from '../../../database/src/index.js';
import { CORE_MIGRATIONS } from '../../../platform/src/capabilities.js';
import { AuditProcessingActivity1732209841000 } from '../migrations/1732209841000-audit-processing-activity.js';
import { scratchDatabase } from '../../../../test/support/scratch-database.js';

/**
 * Entries written before entries named their processing activity get the documented
 * `unclassified-before-logboek`, not a guess; the column is NOT NULL. An expand step: the release
 * still running during the deploy keeps writing, its entries unclassified too. On a database of its
 * own, as the migration touches every tenant's rows.
 */
describe('the audit processing-activity migration', () => {
  const scratch = scratchDatabase('audit_activity');

  it('marks older entries unclassified-before-logboek without rewriting them, the column NOT NULL, and the previous release can still write', async () => {
    await runMigrations(scratch.url, CORE_MIGRATIONS.slice(0, CORE_MIGRATIONS.indexOf(AuditProcessingActivity1732209841000)));
    const tenant = randomUUID();
    await scratch.db.query(`INSERT INTO tenants (id, key, plugin, name) VALUES ($1, 'old-tenant', 'kandidatenbank', 'Old')`, [tenant]);
    await scratch.db.query(
      `INSERT INTO audit_log (tenant_id, actor_kind, action, subject_type) VALUES ($1, 'system', 'profile.read', 'profile'), ($1, 'system', 'search.run', 'search')`,
      [tenant],
    );
    await runMigrations(scratch.url, CORE_MIGRATIONS);

    const { rows } = await scratch.db.query(`SELECT action, processing_activity FROM audit_log WHERE tenant_id = $1 ORDER BY id`, [tenant]);
    expect(rows).toEqual([
      { action: 'profile.read', processing_activity: 'unclassified-before-logboek' },
      { action: 'search.run', processing_activity: 'unclassified-before-logboek' },
    ]);
    const column = await scratch.db.query(
      `SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = 'audit_log' AND column_name = 'processing_activity'`,
    );
    expect(column.rows).toEqual([{ is_nullable: 'NO', column_default: "'unclassified-before-logboek'::text" }]);
    // What the release still running writes during the deploy (it names no activity).
    await scratch.db.query(`INSERT INTO audit_log (tenant_id, actor_kind, action, subject_type) VALUES ($1, 'system', 'profile.read', 'profile')`, [tenant]);
    await expect(
      scratch.db.query(`INSERT INTO audit_log (tenant_id, actor_kind, action, processing_activity, subject_type) VALUES ($1, 'system', 'profile.read', NULL, 'profile')`, [tenant]),
    ).rejects.toThrow(/processing_activity/);
    await expect(
      scratch.db.query(`UPDATE audit_log SET processing_activity = 'candidate-search' WHERE tenant_id = $1`, [tenant]),
    ).rejects.toThrow(/append-only/);
  });
});
