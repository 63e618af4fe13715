import type { MigrationInterface, QueryRunner } from 'typeorm';

const DEFINER = 'recruit_definer';
const APP = 'recruit_app';

/**
 * The dossier log is append-only for the app, yet an erased staff member's id must leave it (the
 * entry stays, under the organisation). A foreign key `ON DELETE SET NULL (account_id)` did that
 * until Citus refused it; this narrow function, owned by the definer role, can only clear account
 * ids of the caller's tenant (row-level security still applies inside it). The plain
 * `tenant_id = p_tenant_id` keeps the statement on one shard.
 */
export const FORGET_LOG_ACCOUNTS_SQL = [
  `CREATE OR REPLACE FUNCTION app.vdab_log_forget_accounts(p_tenant_id uuid, p_account_ids uuid[]) RETURNS void
     LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
       UPDATE public.vdab_dossier_log SET account_id = NULL WHERE tenant_id = p_tenant_id AND account_id = ANY(p_account_ids)
     $$`,
  `GRANT SELECT, UPDATE (account_id) ON vdab_dossier_log TO ${DEFINER}`,
  `ALTER FUNCTION app.vdab_log_forget_accounts(uuid, uuid[]) OWNER TO ${DEFINER}`,
  `REVOKE ALL ON FUNCTION app.vdab_log_forget_accounts(uuid, uuid[]) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION app.vdab_log_forget_accounts(uuid, uuid[]) TO ${APP}`,
];

/**
 * For databases where the tenant's tables were created before their foreign keys lost
 * `SET NULL (col)` (ForeignKeysWithoutSetNullColumns1732209870000 rewrote them): a new database gets
 * the function from VdabPartners1732210000000 itself, which sorts after this one.
 */
export class VdabPartnersLogForgetsAccounts1732209870001 implements MigrationInterface {
  name = 'VdabPartnersLogForgetsAccounts1732209870001';

  async up(q: QueryRunner): Promise<void> {
    const [{ present }] = (await q.query(`SELECT to_regclass('vdab_dossier_log') IS NOT NULL AS present`)) as { present: boolean }[];
    if (!present) return;
    for (const sql of FORGET_LOG_ACCOUNTS_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS app.vdab_log_forget_accounts(uuid, uuid[])`);
  }
}
