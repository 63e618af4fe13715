import type { PersonDataHandler, TenantTx } from '../../libs/tenant-host/src/index.js';

/** Who recorded, uploaded, created or asked: the row stays with the organisation, the person goes. */
const ACCOUNT_REFERENCES: readonly (readonly [table: string, column: string])[] = [
  ['vdab_dossiers', 'created_by'],
  ['vdab_credentials', 'created_by'],
  ['vdab_actions', 'recorded_by'],
  ['vdab_action_documents', 'uploaded_by'],
  ['vdab_account_requests', 'requested_by'],
  ['vdab_account_requests', 'account_id'],
];

async function eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
  const ids = [...personIds];
  for (const [table, column] of ACCOUNT_REFERENCES)
    await tx.query(`UPDATE ${table} SET ${column} = NULL WHERE tenant_id = $1 AND ${column} = ANY($2::uuid[])`, [tx.tenantId, ids]);
  // The log is append-only for the app; only this function may clear who an entry was by.
  await tx.query(`SELECT app.vdab_log_forget_accounts(p_tenant_id => $1, p_account_ids => $2::uuid[])`, [tx.tenantId, ids]);
}

/**
 * The partner staff member's part of this tenant's tables, in every erasure, export and retention
 * sweep. Erasure clears every reference to the account (actions, log entries, credentials and
 * requests stay with the organisation; the foreign keys no longer do it, as Citus refuses
 * `ON DELETE SET NULL (col)`) and the admin right goes with the account (`CASCADE`). The documents a
 * person attached to actions stay too: they belong to the jobseeker's dossier (`uploaded_by` is
 * cleared) and go with it, files
 * included (`DELETE /vdab/dossiers/:id`). The export shows what the person did: their actions, the
 * documents they attached (what, when, to which action, with the hash to check a copy; the file
 * itself is the jobseeker's, read through the dossier) and their log entries (statement 002: "de
 * acties die je hebt ondernomen" and the loggings).
 */
export const vdabPartnersPersonData: PersonDataHandler = {
  name: 'vdab-partners',
  erase: (tx, personId) => eraseMany(tx, [personId]),
  eraseMany,
  async export(tx, personId) {
    const actions = await tx.query(
      `SELECT id, dossier_id AS "dossierId", organisation_id AS "organisationId", type, to_char(action_date, 'YYYY-MM-DD') AS date, outcome, notes, created_at AS "recordedAt"
         FROM vdab_actions WHERE tenant_id = $1 AND recorded_by = $2 ORDER BY created_at, id`,
      [tx.tenantId, personId],
    );
    const documents = await tx.query(
      `SELECT id, dossier_id AS "dossierId", action_id AS "actionId", organisation_id AS "organisationId", original_name AS "fileName",
              content_type AS "contentType", byte_size AS "byteSize", sha256, created_at AS "uploadedAt"
         FROM vdab_action_documents WHERE tenant_id = $1 AND uploaded_by = $2 ORDER BY created_at, id`,
      [tx.tenantId, personId],
    );
    const log = await tx.query(
      `SELECT at, dossier_id AS "dossierId", what, allowed, flagged FROM vdab_dossier_log
        WHERE tenant_id = $1 AND account_id = $2 ORDER BY id`,
      [tx.tenantId, personId],
    );
    const admin = await tx.query(
      `SELECT organisation_id AS "organisationId", granted_at AS "grantedAt" FROM vdab_partner_admins WHERE tenant_id = $1 AND account_id = $2`,
      [tx.tenantId, personId],
    );
    return { actions, documents, log, partnerAdminOf: admin };
  },
};
