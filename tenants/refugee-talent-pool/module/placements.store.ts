import { Injectable, NotFoundException } from '@nestjs/common';
import { ValidationProblem, type TenantTx } from '../../../libs/tenant-host/src/index.js';

export interface PlacementRow {
  id: string;
  personId: string;
  employerOrgUnitId: string;
  jobTitle: string;
  startedOn: string;
  endedOn: string | null;
  review: { stars: number; assessment: string; createdAt: Date } | null;
}

const SELECT = `
  SELECT p.id, p.person_id AS "personId", p.employer_org_unit_id AS "employerOrgUnitId", p.job_title AS "jobTitle",
         to_char(p.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn",
         CASE WHEN r.placement_id IS NULL THEN NULL
              ELSE json_build_object('stars', r.stars, 'assessment', r.assessment, 'createdAt', r.created_at) END AS review
    FROM refugeework_placements p
    LEFT JOIN refugeework_reviews r ON r.tenant_id = p.tenant_id AND r.placement_id = p.id`;

/** Which reference a failed foreign key names, so the 4xx names the field the caller sent. */
const FOREIGN_KEY_FIELDS: Record<string, string> = {
  refugeework_placements_tenant_id_person_id_fkey: 'personId',
  refugeework_placements_tenant_id_employer_org_unit_id_fkey: 'employerOrgUnitId',
};

/** SQL for jobs worked through RefugeeWork and the employer's review of each. */
@Injectable()
export class PlacementsStore {
  async find(tx: TenantTx, id: string): Promise<PlacementRow | null> {
    const [row] = await tx.query<PlacementRow>(`${SELECT} WHERE p.tenant_id = $1 AND p.id = $2`, [tx.tenantId, id]);
    return row ?? null;
  }

  async require(tx: TenantTx, id: string): Promise<PlacementRow> {
    const row = await this.find(tx, id);
    if (!row) throw new NotFoundException('No job worked with this id');
    return row;
  }

  forPerson(tx: TenantTx, personId: string): Promise<PlacementRow[]> {
    return tx.query<PlacementRow>(`${SELECT} WHERE p.tenant_id = $1 AND p.person_id = $2 ORDER BY p.started_on DESC, p.id`, [
      tx.tenantId,
      personId,
    ]);
  }

  forEmployers(tx: TenantTx, orgUnitIds: readonly string[]): Promise<PlacementRow[]> {
    return tx.query<PlacementRow>(
      `${SELECT} WHERE p.tenant_id = $1 AND p.employer_org_unit_id = ANY($2::uuid[]) ORDER BY p.started_on DESC, p.id LIMIT 500`,
      [tx.tenantId, [...orgUnitIds]],
    );
  }

  async insert(
    tx: TenantTx,
    v: { personId: string; employerOrgUnitId: string; jobTitle: string; startedOn: string; endedOn: string | null; by: string | null; at: Date },
  ): Promise<string> {
    const [row] = await this.referencing(() =>
      tx.query<{ id: string }>(
        `INSERT INTO refugeework_placements (tenant_id, person_id, employer_org_unit_id, job_title, started_on, ended_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [tx.tenantId, v.personId, v.employerOrgUnitId, v.jobTitle, v.startedOn, v.endedOn, v.by, v.at],
      ),
    );
    return row.id;
  }

  async update(tx: TenantTx, id: string, v: { jobTitle: string; startedOn: string; endedOn: string | null; at: Date }) {
    await tx.query(
      `UPDATE refugeework_placements SET job_title = $3, started_on = $4, ended_on = $5, changed_at = $6 WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id, v.jobTitle, v.startedOn, v.endedOn, v.at],
    );
  }

  async delete(tx: TenantTx, id: string) {
    await tx.query(`DELETE FROM refugeework_placements WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]);
  }

  async insertReview(tx: TenantTx, v: { placementId: string; stars: number; assessment: string; by: string; at: Date }) {
    await tx.query(
      `INSERT INTO refugeework_reviews (tenant_id, placement_id, stars, assessment, reviewer_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tx.tenantId, v.placementId, v.stars, v.assessment, v.by, v.at],
    );
  }

  private async referencing<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
      const code = err.driverError?.code ?? err.code;
      const field = FOREIGN_KEY_FIELDS[err.driverError?.constraint ?? err.constraint ?? ''];
      if (code === '23503' && field) throw new ValidationProblem([{ field, reason: 'does not exist in this service' }], 404);
      throw e;
    }
  }
}
