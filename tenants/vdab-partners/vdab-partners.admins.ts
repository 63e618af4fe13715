import { ForbiddenException, Injectable } from '@nestjs/common';
import type { Actor, TenantTx } from '../../libs/tenant-host/src/index.js';

/**
 * A partner organisation's admin: a partner account the service named admin of its organisation
 * (vdab_partner_admins). The right counts only while the account is a partner member of that
 * organisation, which the session check reads from the database at every request.
 */
@Injectable()
export class PartnerAdmins {
  /** The organisation the signed-in partner administers; 403 for anyone who administers none. */
  async organisationOf(tx: TenantTx, actor: Actor): Promise<string> {
    if (!actor.accountId || !actor.roles.includes('partner')) throw new ForbiddenException('Only a partner admin may do this');
    const [row] = await tx.query<{ organisationId: string }>(
      `SELECT organisation_id AS "organisationId" FROM vdab_partner_admins
        WHERE tenant_id = $1 AND account_id = $2 AND organisation_id = ANY($3::uuid[]) ORDER BY organisation_id LIMIT 1`,
      [tx.tenantId, actor.accountId, actor.orgUnitIds],
    );
    if (!row) throw new ForbiddenException('Only a partner admin may do this');
    return row.organisationId;
  }

  async isAdmin(tx: TenantTx, actor: Actor): Promise<boolean> {
    return this.organisationOf(tx, actor).then(
      () => true,
      () => false,
    );
  }
}
