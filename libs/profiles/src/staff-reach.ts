import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { AudienceResolver } from './audience-resolver.js';
import { profilesDefinition } from './profiles-definition.js';
import { ProfileReaderService, profileNotFound } from './profile-reader.service.js';

export interface StaffReachRule {
  /**
   * The delegation purposes that carry this record too. Without it, any running delegation that
   * lets staff read the profile does; with it (for example `['execution']`), staff who reach the
   * person only through a delegation of another purpose (a support team's time-boxed access) are
   * answered as if the person did not exist.
   */
  readonly delegatedPurposes?: readonly string[];
}

/**
 * Whether the given staff member reaches a person as staff, by the same rule that decides who reads the
 * profile (own org units, or a running delegation whose use is audited). For a tenant's own
 * records about a person, so those never reach further than the dossier they belong to.
 */
@Injectable()
export class StaffReach {
  constructor(
    private readonly reader: ProfileReaderService,
    private readonly audiences: AudienceResolver,
    private readonly registry: TenantRegistry,
  ) {}

  /** 404, as for a profile that does not exist, unless the caller reaches the person as staff. */
  async assert(tx: TenantTx, actor: Actor, personId: string, rule: StaffReachRule = {}): Promise<void> {
    const view = await this.reader.view(tx, actor, personId);
    if (view.audience !== 'staff') throw profileNotFound();
    if (!rule.delegatedPurposes) return;
    const scope = profilesDefinition(this.registry).visibility.candidateBank.staffScope;
    const way = await this.audiences.staffWay(tx, scope, actor, view.profile);
    if (way === null || (way !== 'own' && !rule.delegatedPurposes.includes(way.purpose))) throw profileNotFound();
  }
}
