import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { ConnectionRow, ConnectionSide, ConnectionStatus } from './connection.types.js';
import { profileHandleSql } from '../../profiles/src/index.js';

const COLUMNS = `c.id, c.person_id AS "personId", c.employer_org_unit_id AS "employerOrgUnitId",
  c.requested_by AS "requestedBy", c.status, c.message, c.requested_at AS "requestedAt",
  c.answered_at AS "answeredAt", c.ended_by AS "endedBy", c.ended_at AS "endedAt",
  c.profile_handle AS "profileHandle", c.profile_alias AS "profileAlias"`;

export interface EmployerUnit {
  id: string;
  name: string;
  candidateBankAccess: boolean;
}

/** SQL for the connections table; rules live in the services. */
@Injectable()
export class ConnectionStore {
  /** Locks the row: two answers racing on one request must not both win. */
  async find(tx: TenantTx, id: string, opts: { lock?: boolean } = {}): Promise<ConnectionRow | null> {
    const [row] = await tx.query<ConnectionRow>(
      `SELECT ${COLUMNS} FROM connections c WHERE c.tenant_id = $1 AND c.id = $2${opts.lock ? ' FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    );
    return row ?? null;
  }

  /** Employer units the account belongs to now (the database, not the token, is the authority). */
  async employerUnitsOf(tx: TenantTx, accountId: string): Promise<EmployerUnit[]> {
    return tx.query<EmployerUnit>(
      `SELECT o.id, o.name, o.candidate_bank_access AS "candidateBankAccess"
         FROM org_units o JOIN account_org_units a ON a.tenant_id = o.tenant_id AND a.org_unit_id = o.id
        WHERE o.tenant_id = $1 AND a.account_id = $2 AND o.kind = 'employer'
        ORDER BY o.name`,
      [tx.tenantId, accountId],
    );
  }

  async isMemberOf(tx: TenantTx, accountId: string, orgUnitId: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM account_org_units WHERE tenant_id = $1 AND account_id = $2 AND org_unit_id = $3`,
      [tx.tenantId, accountId, orgUnitId],
    );
    return rows.length > 0;
  }

  /**
   * The latest decline by this organisation for this listing, to keep it from asking again and
   * again. Per listing: a decline of the named listing must not answer a request for the anonymous
   * one differently, or the organisation would learn that both are the same person. A row from
   * before listings were recorded counts for every listing.
   */
  async lastDecline(tx: TenantTx, personId: string, orgUnitId: string, handle: string): Promise<Date | null> {
    const [row] = await tx.query<{ at: Date | null }>(
      `SELECT max(answered_at) AS at FROM connections
        WHERE tenant_id = $1 AND person_id = $2 AND employer_org_unit_id = $3 AND status = 'declined'
          AND (profile_handle IS NULL OR profile_handle = $4)`,
      [tx.tenantId, personId, orgUnitId, handle],
    );
    return row?.at ?? null;
  }

  /** The organisation's open request or connection for this listing (same rule as `lastDecline`). */
  async open(tx: TenantTx, personId: string, orgUnitId: string, handle: string): Promise<ConnectionRow | null> {
    const [row] = await tx.query<ConnectionRow>(
      `SELECT ${COLUMNS} FROM connections c
        WHERE c.tenant_id = $1 AND c.person_id = $2 AND c.employer_org_unit_id = $3 AND c.status IN ('requested', 'accepted')
          AND (c.profile_handle IS NULL OR c.profile_handle = $4)`,
      [tx.tenantId, personId, orgUnitId, handle],
    );
    return row ?? null;
  }

  async insert(
    tx: TenantTx,
    input: {
      personId: string;
      orgUnitId: string;
      requestedBy: string;
      message: string | null;
      at: Date;
      listing: { handle: string; alias: string };
    },
  ): Promise<ConnectionRow> {
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO connections (tenant_id, person_id, employer_org_unit_id, requested_by, status, message, requested_at,
                                profile_handle, profile_alias)
       VALUES ($1, $2, $3, $4, 'requested', $5, $6, $7, $8) RETURNING id`,
      [tx.tenantId, input.personId, input.orgUnitId, input.requestedBy, input.message, input.at, input.listing.handle, input.listing.alias],
    );
    return (await this.find(tx, id))!;
  }

  async answer(tx: TenantTx, id: string, status: Extract<ConnectionStatus, 'accepted' | 'declined'>, at: Date) {
    await tx.query(`UPDATE connections SET status = $3, answered_at = $4 WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
      status,
      at,
    ]);
  }

  async end(tx: TenantTx, id: string, by: ConnectionSide, at: Date) {
    await tx.query(
      `UPDATE connections SET status = 'withdrawn', ended_by = $3, ended_at = $4 WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id, by, at],
    );
  }

  /**
   * Connections of the organisations the employer account belongs to, newest first. `listedHandle`
   * is the handle asked about while the profile still carries it: once the person stepped into or
   * out of anonymity it is null, so the connection does not point at the new listing.
   */
  forEmployer(tx: TenantTx, accountId: string) {
    return tx.query<ConnectionRow & { listedHandle: string | null; organisation: string }>(
      `SELECT ${COLUMNS}, CASE WHEN ${profileHandleSql('$1', 'c.person_id')} = c.profile_handle THEN c.profile_handle END AS "listedHandle",
              o.name AS organisation
         FROM connections c
         JOIN account_org_units a ON a.tenant_id = c.tenant_id AND a.org_unit_id = c.employer_org_unit_id AND a.account_id = $2
         JOIN org_units o ON o.tenant_id = c.tenant_id AND o.id = c.employer_org_unit_id
        WHERE c.tenant_id = $1
        ORDER BY c.requested_at DESC, c.id LIMIT 500`,
      [tx.tenantId, accountId],
    );
  }

  /** The person's connections, with who asked (shown only once the person accepted). */
  forPerson(tx: TenantTx, personId: string) {
    return tx.query<ConnectionRow & { organisation: string; requesterName: string | null }>(
      `SELECT ${COLUMNS}, o.name AS organisation, r.display_name AS "requesterName"
         FROM connections c
         JOIN org_units o ON o.tenant_id = c.tenant_id AND o.id = c.employer_org_unit_id
         LEFT JOIN accounts r ON r.tenant_id = c.tenant_id AND r.id = c.requested_by
        WHERE c.tenant_id = $1 AND c.person_id = $2
        ORDER BY c.requested_at DESC, c.id LIMIT 500`,
      [tx.tenantId, personId],
    );
  }
}
