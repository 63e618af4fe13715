import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { StaffReach } from '../../profiles/src/staff-reach.js';

/** The one answer for a person staff may not reach and for one who does not exist, so neither can be told apart. */
export const consentPersonNotFound = () =>
  new ValidationProblem([{ field: 'personId', reason: 'is not a person of this tenant' }], HttpStatus.NOT_FOUND);

/**
 * Whose consents staff may read and record: where the tenant limits staff to their own org units
 * (HalloWerk: a municipality's own residents), only the people they reach as staff by the
 * profile's rule; anyone else is answered as unknown (404). The same rule as retention's
 * (`RetentionReach`): tenant administrators answer for the tenant's consent ledger as a whole (a
 * decision given to the tenant's central desk must be recordable whoever coaches the person), and
 * staff of a tenant-wide scope reach everyone.
 */
@Injectable()
export class ConsentReach {
  private staff?: StaffReach;

  constructor(
    private readonly registry: TenantRegistry,
    private readonly modules: ModuleRef,
  ) {}

  /** Whether the caller may address every person of the tenant (no per-person reach needed). */
  tenantWide(actor: Actor): boolean {
    if (actor.roles.includes('tenant-admin')) return true;
    return this.registry.current().visibility.candidateBank.staffScope === 'tenant';
  }

  /**
   * 404 unless the person is of this tenant and, for staff limited to their org units, reached by
   * the caller. To record a decision (`use: 'record'`), staff who reach the person through a
   * delegation must hold one whose purpose acts for the person (`actsForPerson`): a support desk
   * reads the ledger under its grant but records nothing in the person's name.
   */
  async assert(tx: TenantTx, actor: Actor, personId: string, use: 'read' | 'record' = 'read'): Promise<void> {
    if (this.tenantWide(actor)) {
      const rows = await tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, personId]);
      if (!rows.length) throw consentPersonNotFound();
      return;
    }
    try {
      await this.staffReach().assert(tx, actor, personId, use === 'record' ? { delegatedPurposes: this.actingPurposes() } : {});
    } catch (err) {
      // The profile's "no profile with this id" would tell an existing person from an unknown id.
      if (err instanceof HttpException && err.getStatus() === HttpStatus.NOT_FOUND) throw consentPersonNotFound();
      throw err;
    }
  }

  private actingPurposes(): string[] {
    return (this.registry.current().visibility.candidateBank.delegatedAccess ?? []).filter((p) => p.actsForPerson).map((p) => p.key);
  }

  /**
   * The profiles capability's reach, found where ProfilesModule registered it. ProfilesModule
   * imports ConsentModule (withdrawals delete consent-bound documents), so ConsentModule cannot
   * import it back without a module cycle; looked up on first use, after every module started.
   */
  private staffReach(): StaffReach {
    this.staff ??= this.modules.get(StaffReach, { strict: false });
    return this.staff;
  }
}
