import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { returning } from '../../mail/src/returning.js';
import type { CalendarDate } from './deadlines.js';
import type { RightsRequestRow, RightsStatus } from './rights-request.js';

const COLUMNS = `id, reference, person_id AS "personId", kind, status, source, entered_by AS "enteredBy", details,
  received_at AS "receivedAt", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
  extension_reason AS "extensionReason", refusal_reason AS "refusalReason", report, escalated_at AS "escalatedAt",
  decided_at AS "decidedAt", updated_at AS "updatedAt"`;

export interface NewRightsRequest {
  reference: string;
  personId: string;
  kind: string;
  status: RightsStatus;
  source: string;
  enteredBy: string | null;
  details: string | null;
  receivedAt: Date;
  receivedOn: CalendarDate;
  dueOn: CalendarDate;
}

/** The SQL of data-subject requests; every statement names the tenant. */
@Injectable()
export class RightsRequestsStore {
  async insert(tx: TenantTx, r: NewRightsRequest): Promise<RightsRequestRow> {
    const [row] = await tx.query<RightsRequestRow>(
      `INSERT INTO rights_requests (tenant_id, reference, person_id, kind, status, source, entered_by, details, received_at, received_on, due_on, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9) RETURNING ${COLUMNS}`,
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

  async forPerson(tx: TenantTx, personId: string): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests WHERE tenant_id = $1 AND person_id = $2 ORDER BY received_at DESC, id LIMIT 200`,
      [tx.tenantId, personId],
    );
  }

  /** Open requests by due date; `overdueBefore` keeps those whose due date lies before that day. */
  async open(
    tx: TenantTx,
    opts: { overdueBefore?: CalendarDate; limit?: number } = {},
  ): Promise<RightsRequestRow[]> {
    return tx.query<RightsRequestRow>(
      `SELECT ${COLUMNS} FROM rights_requests
        WHERE tenant_id = $1 AND status NOT IN ('completed', 'refused') AND ($2::date IS NULL OR due_on < $2::date)
        ORDER BY due_on, received_at, id LIMIT $3`,
      [tx.tenantId, opts.overdueBefore ?? null, Math.min(Math.max(opts.limit ?? 200, 1), 500)],
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
          report = COALESCE($7::jsonb, report), escalated_at = COALESCE($8, escalated_at),
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
        ],
      ),
    );
    return row;
  }

  /**
   * Erasure keeps the request as proof it was answered but ties it to no one: the person, their
   * words and the staff member's note go; kind, dates, status and the report stay.
   */
  async forget(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    await tx.query(
      `UPDATE rights_requests SET person_id = NULL, details = NULL, extension_reason = NULL, refusal_reason = NULL
        WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
    await tx.query(
      `UPDATE rights_requests SET entered_by = NULL WHERE tenant_id = $1 AND entered_by = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
    await tx.query(
      `DELETE FROM rights_exports WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
  }
}
