import type { PersonDataHandler, TenantTx } from '../../../libs/tenant-host/src/index.js';

async function eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
  const ids = [...personIds];
  // Reviews go with their job (ON DELETE CASCADE); a review a business contact wrote stays with the
  // person it is about, without the reviewer.
  await tx.query(`DELETE FROM refugeework_placements WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, ids]);
  await tx.query(`UPDATE refugeework_reviews SET reviewer_id = NULL WHERE tenant_id = $1 AND reviewer_id = ANY($2::uuid[])`, [tx.tenantId, ids]);
  await tx.query(`DELETE FROM refugeework_objections WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, ids]);
  // Staff who recorded a job or resolved an objection: the record stays with the person it is
  // about, without them. The foreign keys no longer clear this (Citus refuses SET NULL (col)).
  await tx.query(`UPDATE refugeework_placements SET recorded_by = NULL WHERE tenant_id = $1 AND recorded_by = ANY($2::uuid[])`, [tx.tenantId, ids]);
  await tx.query(`UPDATE refugeework_objections SET resolved_by = NULL WHERE tenant_id = $1 AND resolved_by = ANY($2::uuid[])`, [tx.tenantId, ids]);
}

/** RefugeeWork's own tables in every erasure, export and retention sweep. */
export const refugeeWorkPersonData: PersonDataHandler = {
  name: 'refugeework',
  erase: (tx, personId) => eraseMany(tx, [personId]),
  eraseMany,
  anonymise: (tx, personId) => eraseMany(tx, [personId]),
  anonymiseMany: eraseMany,
  async export(tx, personId) {
    const jobsWorked = await tx.query(
      `SELECT p.job_title AS "jobTitle", p.started_on AS "startedOn", p.ended_on AS "endedOn", r.stars, r.assessment
         FROM refugeework_placements p
         LEFT JOIN refugeework_reviews r ON r.tenant_id = p.tenant_id AND r.placement_id = p.id
        WHERE p.tenant_id = $1 AND p.person_id = $2 ORDER BY p.started_on`,
      [tx.tenantId, personId],
    );
    const objections = await tx.query(
      `SELECT reference, reason, status, received_at AS "receivedAt", outcome FROM refugeework_objections
        WHERE tenant_id = $1 AND person_id = $2 ORDER BY received_at`,
      [tx.tenantId, personId],
    );
    return { jobsWorked, objections };
  },
};
