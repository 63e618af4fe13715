import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { OrgUnitsService, OrgUnitDelegationsService, type ActiveDelegation } from '../../auth/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Audience, TenantDefinition } from '../../plugin-api/src/index.js';
import { listedInCandidateBank, type ListingFacts } from './candidate-listing.js';

export interface ReachableProfile extends ListingFacts {
  readonly id: string;
  readonly orgUnitId: string | null;
}

/**
 * Who a reader is to one profile: the person, staff within reach, an employer (connected or
 * not), a partner or the public; or nobody (null), which callers answer with 404 so a profile's
 * existence is never revealed to someone who may not see it.
 */
@Injectable()
export class AudienceResolver {
  constructor(
    private readonly units: OrgUnitsService,
    private readonly delegations: OrgUnitDelegationsService,
    private readonly clock: Clock,
  ) {}

  async resolve(
    tx: TenantTx,
    definition: Pick<TenantDefinition, 'visibility'>,
    actor: Actor,
    profile: ReachableProfile,
    granted: ReadonlySet<string>,
  ): Promise<Audience | null> {
    if (actor.accountId && actor.accountId === profile.id) return 'self';
    const bank = definition.visibility.candidateBank;
    if (actor.roles.includes('staff') && (await this.staffReach(tx, bank.staffScope, actor, profile))) return 'staff';
    if (actor.roles.includes('tenant-admin')) return 'tenant-admin';
    if (!listedInCandidateBank(definition, profile, granted, this.clock.now())) return null;
    if (actor.roles.includes('employer') && bank.searchers.includes('employer')) {
      const admitted = bank.employerAccess === 'all-employers' || (await this.hasBankAccess(tx, actor.orgUnitIds));
      if (admitted) return (await this.connected(tx, profile.id, actor.orgUnitIds)) ? 'employer-connected' : 'employer';
    }
    if (actor.roles.includes('partner') && bank.searchers.includes('partner')) return 'partner';
    // What anyone logged out may see, a signed-in reader without a better standing may see too.
    if (bank.publicProfiles) return 'public';
    return null;
  }

  private async staffReach(tx: TenantTx, scope: 'tenant' | 'own-org-units', actor: Actor, profile: ReachableProfile) {
    const way = await this.staffWay(tx, scope, actor, profile);
    // Reach granted by another unit for a period: checked at this moment, and every use audited.
    if (way && way !== 'own') await this.delegations.recordUse(tx, { delegation: way, subjectType: 'profile', subjectId: profile.id });
    return way !== null;
  }

  /**
   * How staff reach a profile: through their own org units (or a tenant-wide scope), through a
   * running delegation (which carries its purpose), or not at all. Does not record the use.
   */
  async staffWay(
    tx: TenantTx,
    scope: 'tenant' | 'own-org-units',
    actor: Actor,
    profile: ReachableProfile,
  ): Promise<'own' | ActiveDelegation | null> {
    if (scope === 'tenant') return 'own';
    if (!profile.orgUnitId) return null;
    if ((await this.units.subtree(actor.orgUnitIds)).includes(profile.orgUnitId)) return 'own';
    for (const delegation of await this.delegations.active(tx, actor.orgUnitIds, this.clock.now()))
      if ((await this.units.subtree([delegation.grantorOrgUnitId])).includes(profile.orgUnitId)) return delegation;
    return null;
  }

  /** Statement 001: only recruiters of organisations with access to the bank. */
  private async hasBankAccess(tx: TenantTx, orgUnitIds: readonly string[]): Promise<boolean> {
    if (!orgUnitIds.length) return false;
    const rows = await tx.query(
      `SELECT 1 FROM org_units WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND candidate_bank_access LIMIT 1`,
      [tx.tenantId, orgUnitIds],
    );
    return rows.length > 0;
  }

  /** The person accepted a connection request from one of the employer's organisations. */
  private async connected(tx: TenantTx, personId: string, orgUnitIds: readonly string[]): Promise<boolean> {
    if (!orgUnitIds.length) return false;
    const rows = await tx.query(
      `SELECT 1 FROM connections
        WHERE tenant_id = $1 AND person_id = $2 AND employer_org_unit_id = ANY($3::uuid[]) AND status = 'accepted' LIMIT 1`,
      [tx.tenantId, personId, orgUnitIds],
    );
    return rows.length > 0;
  }
}
