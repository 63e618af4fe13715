import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock, OrganisationAccountsService, OrgUnitsService, RetentionService, TenantDb, type Actor, type TenantTx } from '../../libs/tenant-host/src/index.js';
import { PartnerAdmins } from './vdab-partners.admins.js';

/**
 * Access to "Mijn Loopbaan voor Partners" (statement 002: "Aanvraag voor toegang"): a partner's
 * staff request an account for a colleague of their organisation, the service approves (the
 * account is created with an invitation) or refuses, and the organisation's partner admin revokes
 * its own staff. The end of access starts the retention term of the person's identification and
 * contact data (README, "Retention").
 */
@Injectable()
export class PartnerStaffService {
  constructor(
    private readonly db: TenantDb,
    private readonly accounts: OrganisationAccountsService,
    private readonly units: OrgUnitsService,
    private readonly retention: RetentionService,
    private readonly admins: PartnerAdmins,
    private readonly clock: Clock,
  ) {}

  /** The partner organisation a partner account works for. */
  private async organisationOf(actor: Actor): Promise<string> {
    const partnerOrgs = new Set((await this.units.list()).filter((u) => u.kind === 'partner-organisation').map((u) => u.id));
    const own = actor.orgUnitIds.find((id) => partnerOrgs.has(id));
    if (!own) throw new ForbiddenException('Your account belongs to no partner organisation');
    return own;
  }

  async request(actor: Actor, input: { email: string; displayName: string }) {
    const organisationId = await this.organisationOf(actor);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO vdab_account_requests (tenant_id, organisation_id, email, display_name, status, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id`,
        [tx.tenantId, organisationId, input.email.trim().toLowerCase(), input.displayName, actor.accountId, this.clock.now()],
      );
      return { id: row.id, organisationId, status: 'pending' as const };
    });
  }

  pending() {
    return this.db.transaction((tx) =>
      tx.query(
        `SELECT id, organisation_id AS "organisationId", email, display_name AS "displayName", requested_at AS "requestedAt"
           FROM vdab_account_requests WHERE tenant_id = $1 AND status = 'pending' ORDER BY requested_at, id`,
        [tx.tenantId],
      ),
    );
  }

  /** The service decides: approved creates the account (with an invitation); the request keeps no name or address. */
  decide(requestId: string, decision: 'approved' | 'refused') {
    return this.db.transaction(async (tx) => {
      const [req] = await tx.query<{ organisationId: string; email: string; displayName: string }>(
        `SELECT organisation_id AS "organisationId", email, display_name AS "displayName" FROM vdab_account_requests
          WHERE tenant_id = $1 AND id = $2 AND status = 'pending' FOR UPDATE`,
        [tx.tenantId, requestId],
      );
      if (!req) throw new NotFoundException('No pending account request');
      const accountId =
        decision === 'approved'
          ? await this.accounts.invite(tx, { email: req.email, displayName: req.displayName, roles: ['partner'], orgUnitIds: [req.organisationId] })
          : null;
      await tx.query(
        `WITH u AS (UPDATE vdab_account_requests SET status = $3, decided_at = $4, account_id = $5, email = NULL, display_name = NULL
                     WHERE tenant_id = $1 AND id = $2 RETURNING id) SELECT id FROM u`,
        [tx.tenantId, requestId, decision, this.clock.now(), accountId],
      );
      return { id: requestId, status: decision, accountId };
    });
  }

  /** Whether the signed-in partner administers their organisation (the web's menu and its 403). */
  administers(actor: Actor): Promise<boolean> {
    return this.db.transaction((tx) => this.admins.isAdmin(tx, actor));
  }

  /** The partner admin's view of its own organisation's staff. */
  staff(actor: Actor) {
    return this.db.transaction(async (tx) => this.accounts.members(tx, await this.admins.organisationOf(tx, actor), 'partner'));
  }

  /** The partner admin ends a staff member's access: at the next request, and the retention term starts. */
  revoke(actor: Actor, accountId: string) {
    return this.db.transaction(async (tx) => {
      const organisationId = await this.admins.organisationOf(tx, actor);
      if (!(await this.accounts.revoke(tx, accountId, { orgUnitId: organisationId, role: 'partner' }))) throw new NotFoundException('No such staff member');
      await this.accessEnded(tx, accountId);
      return { accountId, status: 'revoked' as const };
    });
  }

  private async accessEnded(tx: TenantTx, personId: string) {
    const now = this.clock.now();
    await this.retention.anchor(tx, { personId, personKind: 'partner-staff', anchor: 'end-of-contract', at: now, now });
  }

  /** A partner staff member's own identification and contact data, and whether they administer their organisation. */
  me(actor: Actor) {
    return this.db.transaction(async (tx) => {
      const organisationId = await this.organisationOf(actor);
      const self = (await this.accounts.members(tx, organisationId, 'partner')).find((m) => m.id === actor.accountId);
      const organisation = (await this.units.list()).find((u) => u.id === organisationId);
      return {
        id: actor.accountId,
        displayName: self?.displayName,
        email: self?.email,
        organisation: { id: organisationId, name: organisation?.name },
        partnerAdmin: await this.admins.isAdmin(tx, actor),
      };
    });
  }

  /** The holder corrects their own name (statement 002: "bekijken en te corrigeren wanneer ze fout zijn"). */
  async correct(actor: Actor, input: { displayName: string }) {
    await this.db.transaction((tx) => this.accounts.rename(tx, actor.accountId!, input.displayName));
    return this.me(actor);
  }
}
