import { runMigrations } from '../index.js';
import { CORE_MIGRATIONS } from '../../../platform/src/capabilities.js';
import { vdabPartners } from '../../../../tenants/vdab-partners/vdab-partners.tenant.js';
import { ForeignKeysWithoutSetNullColumns1732209870000 } from '../migrations/1732209870000-foreign-keys-without-set-null-columns.js';
import { scratchDatabase } from '../../../../test/support/scratch-database.js';

/**
 * A database migrated before the foreign keys lost `ON DELETE SET NULL (col)` (issue 17): its keys,
 * the VDAB tenant's included, are rewritten to plain ones with the same columns, and the VDAB log
 * gets the function that now clears an erased account from it.
 */
describe('the migration that removes ON DELETE SET NULL (col) on a database migrated before it', () => {
  const scratch = scratchDatabase('set_null_migration');

  const setNullKeys = async () =>
    (await scratch.db.query<{ key: string }>(`SELECT conrelid::regclass || '.' || conname AS key FROM pg_constraint WHERE confdelsetcols IS NOT NULL ORDER BY 1`)).rows.map(
      (r) => r.key,
    );

  it('rewrites every such key, keeps the columns, and adds the log function', async () => {
    const [forgets, ...vdab] = vdabPartners.migrations!;
    const before = CORE_MIGRATIONS.slice(0, CORE_MIGRATIONS.indexOf(ForeignKeysWithoutSetNullColumns1732209870000));
    await runMigrations(scratch.url, [...before, ...vdab]);
    // The VDAB tables as an earlier release created them: their account and credential keys nulled a column.
    await scratch.db.query(`DROP FUNCTION app.vdab_log_forget_accounts(uuid, uuid[])`);
    const { rows: vdabKeys } = await scratch.db.query<{ tbl: string; conname: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'f' AND conrelid::regclass::text LIKE 'vdab\\_%' AND confdeltype = 'a'`,
    );
    for (const k of vdabKeys) {
      const column = /^FOREIGN KEY \(tenant_id, (\w+)\)/.exec(k.def)?.[1];
      if (!column) continue;
      await scratch.db.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${k.conname}`);
      await scratch.db.query(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.conname} ${k.def} ON DELETE SET NULL (${column})`);
    }
    const old = await setNullKeys();
    expect(old).toEqual(expect.arrayContaining(['connections.connections_tenant_id_requested_by_fkey', 'vdab_actions.vdab_actions_tenant_id_recorded_by_fkey']));
    const count = async () => Number((await scratch.db.query(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'`)).rows[0].n);
    const keysBefore = await count();

    // Up to this migration: later ones may add keys of their own.
    const through = CORE_MIGRATIONS.slice(0, CORE_MIGRATIONS.indexOf(ForeignKeysWithoutSetNullColumns1732209870000) + 1);
    await runMigrations(scratch.url, [...through, forgets, ...vdab]);

    expect(await setNullKeys()).toEqual([]);
    expect(await count()).toBe(keysBefore);
    const { rows } = await scratch.db.query<{ def: string; validated: boolean }>(
      `SELECT pg_get_constraintdef(oid) AS def, convalidated AS validated FROM pg_constraint WHERE conname = 'vdab_actions_tenant_id_recorded_by_fkey'`,
    );
    expect(rows).toEqual([{ def: 'FOREIGN KEY (tenant_id, recorded_by) REFERENCES accounts(tenant_id, id)', validated: true }]);
    expect((await scratch.db.query(`SELECT to_regprocedure('app.vdab_log_forget_accounts(uuid, uuid[])') IS NOT NULL AS present`)).rows).toEqual([
      { present: true },
    ]);
    // The core's two (connections, connection messages) and VDAB's eleven, all gone.
    expect(old).toHaveLength(13);
  });
});
