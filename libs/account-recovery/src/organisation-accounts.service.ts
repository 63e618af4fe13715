import { Injectable } from '@nestjs/common';
import { Clock } from '../../config/src/index.js';
import type { TenantTx } from '../../database/src/index.js';
import { AccountsService, normaliseEmail } from '../../auth/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { PasswordResetService } from './password-reset.service.js';

/** Roles an organisation's own people hold; never a jobseeker's, an administrator's or an operator's. */
export const ORGANISATION_ROLES = ['partner', 'staff', 'employer'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export interface OrganisationAccountCommand {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly OrganisationRole[];
  /** The units the account belongs to (a partner organisation); its roles count there. */
  readonly orgUnitIds: readonly string[];
  readonly locale?: string;
}

export interface OrganisationMember {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly status: 'active' | 'disabled' | 'pending';
  readonly locale: string;
  /** Created by someone else and not yet taken up: no password chosen. */
  readonly invited: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Accounts of an organisation's staff that someone else creates and ends (statement 002: the
 * service approves a partner's request for an account, and the partner's admin revokes its own
 * staff). Creating gives an account without a password and an invitation, like an enrolment;
 * revoking disables the account and ends its sessions, so it stops at the next request (the
 * session check reads the account's status every time). Runs in the caller's unit of work.
 */
@Injectable()
export class OrganisationAccountsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResetService,
    private readonly audit: AuditService,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
  ) {}

  /** Creates the account in its units and mails the invitation; the new account's id. */
  async invite(tx: TenantTx, cmd: OrganisationAccountCommand): Promise<string> {
    const email = normaliseEmail(cmd.email ?? '');
    if (!EMAIL.test(email) || email.length > 254) throw new ValidationProblem([{ field: 'email', reason: 'must be an e-mail address' }]);
    if (!cmd.roles.length) throw new ValidationProblem([{ field: 'roles', reason: 'must name at least one role' }]);
    // Checked at run time too: a caller that widened the type must not hand out an administrator's role.
    if (cmd.roles.some((r) => !(ORGANISATION_ROLES as readonly string[]).includes(r)))
      throw new ValidationProblem([{ field: 'roles', reason: `must be among ${ORGANISATION_ROLES.join(', ')}` }]);
    const definition = this.registry.current();
    const id = await this.accounts.insertUnverified(tx, {
      email,
      displayName: cmd.displayName,
      roles: [...cmd.roles],
      locale: cmd.locale && definition.locales.includes(cmd.locale) ? cmd.locale : definition.defaultLocale,
    });
    if (!id) throw new ValidationProblem([{ field: 'email', reason: 'already belongs to an account' }]);
    if (cmd.orgUnitIds.length)
      await tx.query(
        `INSERT INTO account_org_units (tenant_id, account_id, org_unit_id) SELECT $1, $2, u FROM unnest($3::uuid[]) AS u`,
        [tx.tenantId, id, cmd.orgUnitIds],
      );
    await this.audit.record({ action: 'account.invite', subjectType: 'account', subjectId: id, details: { orgUnitIds: [...cmd.orgUnitIds] } }, tx);
    await this.resets.invite(tx, id);
    return id;
  }

  /** The accounts of a unit holding one of the roles (a partner admin's view of its own staff). */
  members(tx: TenantTx, orgUnitId: string, role: OrganisationRole): Promise<OrganisationMember[]> {
    return tx.query<OrganisationMember>(
      `SELECT a.id, a.display_name AS "displayName", a.email, a.status, a.locale, a.password_hash IS NULL AS invited
         FROM accounts a JOIN account_org_units m ON m.tenant_id = a.tenant_id AND m.account_id = a.id
        WHERE a.tenant_id = $1 AND m.org_unit_id = $2 AND $3 = ANY(a.roles)
        ORDER BY a.display_name, a.id`,
      [tx.tenantId, orgUnitId, role],
    );
  }

  /**
   * Ends an account of the unit: disabled, every session ended. False when the unit has no such
   * account holding the role (the caller answers 404: someone else's staff is not there for it).
   */
  async revoke(tx: TenantTx, accountId: string, within: { orgUnitId: string; role: OrganisationRole }): Promise<boolean> {
    const now = this.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `WITH target AS (
         SELECT a.id FROM accounts a JOIN account_org_units m ON m.tenant_id = a.tenant_id AND m.account_id = a.id
          WHERE a.tenant_id = $1 AND a.id = $2 AND m.org_unit_id = $3 AND $4 = ANY(a.roles)
       ), disabled AS (
         UPDATE accounts a SET status = 'disabled' FROM target t WHERE a.tenant_id = $1 AND a.id = t.id RETURNING a.id
       ), ended AS (
         UPDATE sessions s SET revoked_at = $5 FROM target t WHERE s.tenant_id = $1 AND s.account_id = t.id AND s.revoked_at IS NULL RETURNING s.id
       ) SELECT id FROM target`,
      [tx.tenantId, accountId, within.orgUnitId, within.role, now],
    );
    if (!row) return false;
    await this.audit.record({ action: 'account.revoke', subjectType: 'account', subjectId: accountId, details: { orgUnitId: within.orgUnitId } }, tx);
    return true;
  }

  /** Corrects an account's own name (the holder's right to correct their data). */
  async rename(tx: TenantTx, accountId: string, displayName: string): Promise<void> {
    await tx.query(`UPDATE accounts SET display_name = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, accountId, displayName]);
    await this.audit.record({ action: 'account.update', subjectType: 'account', subjectId: accountId, details: { fields: ['displayName'] } }, tx);
  }
}
