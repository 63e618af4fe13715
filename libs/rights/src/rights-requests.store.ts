import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { returning } from '../../mail/src/index.js';
import type { CalendarDate } from './deadlines.js';
import type { ObjectionPurpose, RightsRequestRow, RightsStatus } from './rights-request.js';
import { profileInUnitsSql, profileOrgUnitSql } from '../../profiles/src/index.js';

const COLUMNS = `id, reference, person_id AS "personId", kind, status, source, entered_by AS "enteredBy", details, purpose,
  received_at AS "receivedAt", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
  extension_reason AS "extensionReason", refusal_reason AS "refusalReason", report, reminded_at AS "remindedAt", escalated_at AS "escalatedAt",
  decided_at AS "decidedAt", lifted_at AS "liftedAt", updated_at AS "updatedAt"`;

/** Requests that restrict processing while open, and once upheld until staff lift them. */
const RESTRICTING = `kind IN ('objection', 'restriction') AND purpose IS NULL
  AND (status NOT IN ('completed', 'refused') OR (status = 'completed' AND lifted_at IS NULL))`;

export interface NewRightsRequest {
  reference: string;
  personId: string;
  kind: string;
  status: RightsStatus;
  source: string;
  enteredBy: string | null;
  details: string | null;
  purpose: ObjectionPurpose | null;
  receivedAt: Date;
  receivedOn: CalendarDate;
  dueOn: CalendarDate;
}

/**
 * A request is within reach of staff limited to org units when its person's profile is in one.
 * The tenant is the parameter every caller passes first ($1), not the outer row's column, so Citus
 * routes the subquery to the tenant's shard.
 */
const REACH = (units: string) => profileInUnitsSql('$1', 'r.person_id', units);

/** The SQL of data-subject requests; every statement names the tenant. */
@Injectable()
export class RightsRequestsStore {
  async insert(tx: TenantTx, r: NewRightsRequest): Promise<RightsRequestRow> {
    const [row] = await tx.query<RightsRequestRow>(
      `INSERT INTO rights_requests (tenant_id, reference, person_id, kind, status, source, entered_by, details, received_at, received_on, due_on, updated_at, purpose)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9, $12) RETURNING ${COLUMNS}`,
      [
        tx.tenantId,
        r.reference,
        r.personId,
        r.kind,
        r.status,
        r.source,
        r.enteredBy,
        r.details,
        r.receivedAt,
        r.receivedOn,
        r.dueOn,
        r.purpose,
      ],
    );
    return row;
  }

  async find(
    tx: TenantTx,
    id: string,
    opts: { lock?: boolean } = {},
  ): Promise<RightsRequestRow | null> {
    const [row] = await tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests WHERE tenant_id = $1 AND id = $2 ${opts.lock ? 'FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    );
    return row ?? null;
  }

  async forPerson(
    tx: TenantTx,
    personId: string,
    units: readonly string[] | null = null,
  ): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests r WHERE tenant_id = $1 AND person_id = $2 AND ${REACH('$3')}
        ORDER BY received_at DESC, id LIMIT 200`,
      [tx.tenantId, personId, units],
    );
  }

  /**
   * The person's requests that restrict their processing now (GDPR art. 18 / 21): open objections
   * and restrictions, and upheld ones not lifted since.
   */
  async restricting(tx: TenantTx, personId: string): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests WHERE tenant_id = $1 AND person_id = $2 AND ${RESTRICTING}
        ORDER BY received_at, id`,
      [tx.tenantId, personId],
    );
  }

  /** Open requests by due date; `overdueBefore` keeps those whose due date lies before that day. */
  async open(
    tx: TenantTx,
    opts: { overdueBefore?: CalendarDate; limit?: number; units?: readonly string[] | null } = {},
  ): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests r
        WHERE tenant_id = $1 AND status NOT IN ('completed', 'refused') AND ($2::date IS NULL OR due_on < $2::date) AND ${REACH('$4')}
        ORDER BY due_on, received_at, id LIMIT $3`,
      [
        tx.tenantId,
        opts.overdueBefore ?? null,
        Math.min(Math.max(opts.limit ?? 200, 1), 500),
        opts.units ?? null,
      ],
    );
  }

  /** Whether the request's person belongs to one of these org units (null: no limit). */
  async reaches(
    tx: TenantTx,
    r: RightsRequestRow,
    units: readonly string[] | null,
  ): Promise<boolean> {
    if (units === null) return true;
    const rows = await tx.query(
      `SELECT 1 FROM rights_requests r WHERE tenant_id = $1 AND id = $2 AND ${REACH('$3')}`,
      [tx.tenantId, r.id, units],
    );
    return rows.length > 0;
  }

  /**
   * The accounts that decide on a request: holders of a decider role, and where staff reach only
   * their own org units, only staff of the person's unit or a unit above it (tenant admins always).
   */
  async deciders(
    tx: TenantTx,
    r: RightsRequestRow,
    roles: readonly string[],
    ownUnitsOnly: boolean,
    handlerUnitKinds: readonly string[] | null = null,
  ) {
    return tx.query<{ id: string; email: string; name: string; locale: string }>(
      `WITH RECURSIVE up AS (
         SELECT o.id, o.parent_id, o.kind FROM org_units o
          WHERE o.tenant_id = $1 AND o.id = ${profileOrgUnitSql('$1', '$3')}
         UNION
         SELECT o.id, o.parent_id, o.kind FROM org_units o JOIN up ON o.id = up.parent_id WHERE o.tenant_id = $1
       )
       SELECT a.id, a.email, a.display_name AS name, a.locale FROM accounts a
        WHERE a.tenant_id = $1 AND a.status = 'active' AND a.roles && $2::text[]
          AND (NOT $4 OR 'tenant-admin' = ANY(a.roles)
               OR EXISTS (SELECT 1 FROM account_org_units m WHERE m.tenant_id = $1 AND m.account_id = a.id AND m.org_unit_id IN (SELECT id FROM up WHERE $5::text[] IS NULL OR kind = ANY($5::text[]))))
        ORDER BY a.id LIMIT 200`,
      [tx.tenantId, roles, r.personId, ownUnitsOnly, handlerUnitKinds],
    );
  }

  /** Open requests due within the window whose deciders were not reminded yet, claimed like escalations. */
  async claimDueSoon(
    tx: TenantTx,
    today: CalendarDate,
    until: CalendarDate,
  ): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests
        WHERE tenant_id = $1 AND status NOT IN ('completed', 'refused') AND due_on >= $2::date AND due_on <= $3::date
          AND reminded_at IS NULL
        ORDER BY due_on, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [tx.tenantId, today, until],
    );
  }

  /** A new due date deserves a new reminder. */
  async clearReminder(tx: TenantTx, id: string): Promise<void> {
    await tx.query(
      `UPDATE rights_requests SET reminded_at = NULL WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id],
    );
  }

  /** Overdue requests nobody was told about yet, claimed so two workers never escalate one twice. */
  async claimUnescalated(tx: TenantTx, today: CalendarDate): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests
        WHERE tenant_id = $1 AND status NOT IN ('completed', 'refused') AND due_on < $2::date AND escalated_at IS NULL
        ORDER BY due_on, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [tx.tenantId, today],
    );
  }

  async update(
    tx: TenantTx,
    id: string,
    patch: Partial<
      Pick<
        RightsRequestRow,
        | 'status'
        | 'dueOn'
        | 'extensionReason'
        | 'refusalReason'
        | 'report'
        | 'escalatedAt'
        | 'remindedAt'
        | 'decidedAt'
      >
    >,
    at: Date,
  ): Promise<RightsRequestRow> {
    const [row] = returning<RightsRequestRow>(
      await tx.query(
        `UPDATE rights_requests SET
          status = COALESCE($3, status), due_on = COALESCE($4::date, due_on),
          extension_reason = COALESCE($5, extension_reason), refusal_reason = COALESCE($6, refusal_reason),
          report = COALESCE($7::jsonb, report), escalated_at = COALESCE($8, escalated_at), reminded_at = COALESCE($11, reminded_at),
          decided_at = COALESCE($9, decided_at), updated_at = $10
        WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [
          tx.tenantId,
          id,
          patch.status ?? null,
          patch.dueOn ?? null,
          patch.extensionReason ?? null,
          patch.refusalReason ?? null,
          patch.report === undefined ? null : JSON.stringify(patch.report),
          patch.escalatedAt ?? null,
          patch.decidedAt ?? null,
          at,
          patch.remindedAt ?? null,
        ],
      ),
    );
    return row;
  }

  /**
   * Erasure keeps the request as proof it was answered but ties it to no one: the person, their
   * words and the staff member's note go; kind, dates, status and the report stay. Their exports
   * go; the archive keys those named are returned, for deletion once the unit commits.
   */
  async forget(tx: TenantTx, personIds: readonly string[]): Promise<string[]> {
    await tx.query(
      `DELETE FROM rights_confirmations WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
    await tx.query(
      `UPDATE rights_requests SET person_id = NULL, details = NULL, extension_reason = NULL, refusal_reason = NULL
        WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
    await tx.query(
      `UPDATE rights_requests SET entered_by = NULL WHERE tenant_id = $1 AND entered_by = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
    const gone = await tx.query<{ archive_key: string | null }>(
      // Read back through a CTE: a bare DELETE ... RETURNING comes back as [rows, count].
      `WITH gone AS (DELETE FROM rights_exports WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]) RETURNING archive_key)
       SELECT archive_key FROM gone`,
      [tx.tenantId, personIds],
    );
    return gone.flatMap((g) => (g.archive_key ? [g.archive_key] : []));
  }
}
