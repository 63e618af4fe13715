import type { TenantTx } from '../../../database/src/index.js';
import type { PersonDataHandler } from '../../../privacy/src/index.js';

const eraseMany = async (tx: TenantTx, personIds: readonly string[]) => {
  // Documents and status history go with the application (ON DELETE CASCADE).
  await tx.query(`DELETE FROM applications WHERE tenant_id = $1 AND applicant_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
};

const anonymiseMany = async (tx: TenantTx, personIds: readonly string[]) => {
  // The application stays for the vacancy's statistics; the words and the documents go.
  await tx.query(
    `DELETE FROM application_documents ad USING applications a
      WHERE ad.tenant_id = $1 AND a.tenant_id = $1 AND a.id = ad.application_id AND a.applicant_id = ANY($2::uuid[])`,
    [tx.tenantId, personIds],
  );
  await tx.query(`UPDATE applications SET motivation = '' WHERE tenant_id = $1 AND applicant_id = ANY($2::uuid[])`, [
    tx.tenantId,
    personIds,
  ]);
};

/** A person's applications, for erasure, anonymisation and their data-access request. */
export const applicationsPersonData: PersonDataHandler = {
  name: 'applications',
  erase: (tx, personId) => eraseMany(tx, [personId]),
  eraseMany,
  anonymise: (tx, personId) => anonymiseMany(tx, [personId]),
  anonymiseMany,
  export: (tx, personId) =>
    tx.query(
      `SELECT a.id, a.vacancy_id AS "vacancyId", v.title AS "vacancyTitle", o.name AS employer, a.motivation, a.status,
              a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(ad.document_id) FROM application_documents ad
                         WHERE ad.tenant_id = $1 AND ad.application_id = a.id), '[]'::json) AS "documentIds",
              (SELECT json_agg(json_build_object('status', h.status, 'at', h.at) ORDER BY h.at)
                 FROM application_status_history h WHERE h.tenant_id = $1 AND h.application_id = a.id) AS history
         FROM applications a
         JOIN vacancies v ON v.tenant_id = a.tenant_id AND v.id = a.vacancy_id
         JOIN org_units o ON o.tenant_id = v.tenant_id AND o.id = v.org_unit_id
        WHERE a.tenant_id = $1 AND a.applicant_id = $2 ORDER BY a.submitted_at`,
      [tx.tenantId, personId],
    ),
};
