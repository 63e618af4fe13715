import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../../audit/src/audit.service.js';
import { Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import type { DelegatedAccessPurpose, TenantDefinition } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';

export interface GrantDelegationCommand {
  readonly actor: Actor;
  /** The unit whose people are reached (a municipality). */
  readonly grantorOrgUnitId: string;
  /** The unit whose staff reach them (an execution organisation, a support desk). */
  readonly delegateOrgUnitId: string;
  readonly purpose: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

export interface Delegation {
  readonly id: string;
  readonly grantorOrgUnitId: string;
  readonly delegateOrgUnitId: string;
  readonly purpose: string;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly grantedAt: Date;
  readonly revokedAt: Date | null;
  /** Whether it lets the delegate's staff in right now. */
  readonly active: boolean;
}

/** An active delegation that lets one of the actor's units reach a grantor unit's people. */
export interface ActiveDelegation {
  readonly id: string;
  readonly grantorOrgUnitId: string;
  readonly purpose: string;
}

interface Row {
  id: string;
  grantor_org_unit_id: string;
  delegate_org_unit_id: string;
  purpose: string;
  valid_from: Date;
  valid_until: Date;
  granted_at: Date;
  revoked_at: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * Delegated org-unit access (TenantDefinition.visibility.candidateBank.delegatedAccess): only the
 * grantor unit's own members grant and revoke, always dated, never open-ended; the delegate's staff
 * reach the grantor's people only inside the period and never re-delegate (a grant is made by
 * membership, not by reach). Grants, revocations and every use are audited.
 */
@Injectable()
export class OrgUnitDelegationsService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  grant(cmd: GrantDelegationCommand): Promise<Delegation> {
    const purpose = this.purposeOf(this.registry.current(), cmd.purpose);
    this.assertMember(cmd.actor, cmd.grantorOrgUnitId);
    const from = new Date(cmd.validFrom);
    const until = new Date(cmd.validUntil);
    const now = this.clock.now();
    if (Number.isNaN(from.getTime())) throw new ValidationProblem([{ field: 'validFrom', reason: 'must be a date and time' }]);
    if (Number.isNaN(until.getTime())) throw new ValidationProblem([{ field: 'validUntil', reason: 'must be a date and time' }]);
    if (until <= from) throw new ValidationProblem([{ field: 'validUntil', reason: 'must be after validFrom' }]);
    if (until <= now) throw new ValidationProblem([{ field: 'validUntil', reason: 'must be in the future' }]);
    if (until.getTime() - from.getTime() > purpose.maxDays * DAY_MS)
      throw new ValidationProblem([{ field: 'validUntil', reason: `a ${purpose.key} grant runs at most ${purpose.maxDays} days` }]);
    return this.db.transaction(async (tx) => {
      const kinds = new Map(
        (
          await tx.query<{ id: string; kind: string }>(`SELECT id, kind FROM org_units WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
            tx.tenantId,
            [cmd.grantorOrgUnitId, cmd.delegateOrgUnitId],
          ])
        ).map((r) => [r.id, r.kind]),
      );
      if (!(purpose.grantorKinds as readonly string[]).includes(kinds.get(cmd.grantorOrgUnitId) ?? ''))
        throw new ValidationProblem([{ field: 'grantorOrgUnitId', reason: `must be a unit of kind ${purpose.grantorKinds.join(' or ')}` }]);
      if (!(purpose.delegateKinds as readonly string[]).includes(kinds.get(cmd.delegateOrgUnitId) ?? ''))
        throw new ValidationProblem([{ field: 'delegateOrgUnitId', reason: `must be a unit of kind ${purpose.delegateKinds.join(' or ')}` }]);
      const [row] = await tx.query<Row>(
        `INSERT INTO org_unit_delegations (tenant_id, grantor_org_unit_id, delegate_org_unit_id, purpose, valid_from, valid_until, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [tx.tenantId, cmd.grantorOrgUnitId, cmd.delegateOrgUnitId, purpose.key, from, until, now],
      );
      await this.audit.record(
        {
          action: 'org-unit-delegation.grant',
          subjectType: 'org-unit',
          subjectId: cmd.grantorOrgUnitId,
          details: {
            delegationId: row.id,
            delegateOrgUnitId: cmd.delegateOrgUnitId,
            purpose: purpose.key,
            validFrom: from.toISOString(),
            validUntil: until.toISOString(),
          },
        },
        tx,
      );
      return this.toDelegation(row, now);
    });
  }

  /** Ends a grant now; revoking one already revoked changes nothing. With `purpose`, only a grant for it. */
  revoke(cmd: { readonly actor: Actor; readonly grantorOrgUnitId: string; readonly delegationId: string; readonly purpose?: string }): Promise<Delegation> {
    this.assertMember(cmd.actor, cmd.grantorOrgUnitId);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const [row] = await tx.query<Row>(
        `SELECT * FROM org_unit_delegations
          WHERE tenant_id = $1 AND id = $2 AND grantor_org_unit_id = $3 AND ($4::text IS NULL OR purpose = $4) FOR UPDATE`,
        [tx.tenantId, cmd.delegationId, cmd.grantorOrgUnitId, cmd.purpose ?? null],
      );
      if (!row) throw new NotFoundException('no such grant of this unit');
      if (row.revoked_at) return this.toDelegation(row, now);
      await tx.query(`UPDATE org_unit_delegations SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, row.id, now]);
      await this.audit.record(
        {
          action: 'org-unit-delegation.revoke',
          subjectType: 'org-unit',
          subjectId: cmd.grantorOrgUnitId,
          details: { delegationId: row.id, delegateOrgUnitId: row.delegate_org_unit_id, purpose: row.purpose },
        },
        tx,
      );
      return this.toDelegation({ ...row, revoked_at: now }, now);
    });
  }

  /** The grants a unit made, newest first: for its own members only. */
  list(cmd: { readonly actor: Actor; readonly grantorOrgUnitId: string }): Promise<Delegation[]> {
    this.assertMember(cmd.actor, cmd.grantorOrgUnitId);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const rows = await tx.query<Row>(
        `SELECT * FROM org_unit_delegations WHERE tenant_id = $1 AND grantor_org_unit_id = $2 ORDER BY granted_at DESC, id`,
        [tx.tenantId, cmd.grantorOrgUnitId],
      );
      return rows.map((r) => this.toDelegation(r, now));
    });
  }

  /**
   * The grants that let the given (delegate) units in at `now`, for purposes the tenant still
   * declares: a purpose the tenant drops stops every grant made for it.
   */
  async active(tx: TenantTx, delegateOrgUnitIds: readonly string[], now: Date): Promise<ActiveDelegation[]> {
    const declared = (this.registry.current().visibility.candidateBank.delegatedAccess ?? []).map((p) => p.key);
    if (!delegateOrgUnitIds.length || !declared.length) return [];
    const rows = await tx.query<{ id: string; grantor_org_unit_id: string; purpose: string }>(
      `SELECT id, grantor_org_unit_id, purpose FROM org_unit_delegations
        WHERE tenant_id = $1 AND delegate_org_unit_id = ANY($2::uuid[]) AND purpose = ANY($3::text[])
          AND valid_from <= $4 AND valid_until > $4 AND revoked_at IS NULL`,
      [tx.tenantId, delegateOrgUnitIds, declared, now],
    );
    return rows.map((r) => ({ id: r.id, grantorOrgUnitId: r.grantor_org_unit_id, purpose: r.purpose }));
  }

  /** Records one use of delegated access: the person reached, through which grant. */
  recordUse(tx: TenantTx, use: { readonly delegation: ActiveDelegation; readonly subjectType: string; readonly subjectId: string | null }) {
    return this.audit.record(
      {
        action: 'org-unit-delegation.use',
        subjectType: use.subjectType,
        subjectId: use.subjectId,
        details: { delegationId: use.delegation.id, grantorOrgUnitId: use.delegation.grantorOrgUnitId, purpose: use.delegation.purpose },
      },
      tx,
    );
  }

  private purposeOf(def: TenantDefinition, key: string): DelegatedAccessPurpose {
    const purpose = (def.visibility.candidateBank.delegatedAccess ?? []).find((p) => p.key === key);
    if (!purpose) throw new ValidationProblem([{ field: 'purpose', reason: 'is not a purpose this tenant lets its units grant' }]);
    return purpose;
  }

  /** Membership, not reach: staff who reach a unit through a grant or from a parent unit do not grant for it. */
  private assertMember(actor: Actor, orgUnitId: string): void {
    if (!actor.roles.includes('staff') || !actor.orgUnitIds.includes(orgUnitId))
      throw new ForbiddenException("only the unit's own staff grant or revoke access to its people");
  }

  private toDelegation(r: Row, now: Date): Delegation {
    const from = new Date(r.valid_from);
    const until = new Date(r.valid_until);
    return {
      id: r.id,
      grantorOrgUnitId: r.grantor_org_unit_id,
      delegateOrgUnitId: r.delegate_org_unit_id,
      purpose: r.purpose,
      validFrom: from,
      validUntil: until,
      grantedAt: new Date(r.granted_at),
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
      active: !r.revoked_at && from <= now && until > now,
    };
  }
}
