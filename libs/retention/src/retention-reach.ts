import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { StaffReach } from '../../profiles/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';

/**
 * Whose retention staff may read and hold: where the tenant limits staff to their own org units
 * (HalloWerk: a municipality's own residents), only the people they reach as staff by the
 * profile's rule; anyone else is answered as unknown (404). Tenant administrators run the
 * tenant's retention as a whole, and staff of a tenant-wide scope reach everyone.
 */
@Injectable()
export class RetentionReach {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly staff: StaffReach,
  ) {}

  /** Whether the caller sees every person's retention (no per-person check needed). */
  tenantWide(actor: Actor): boolean {
    if (actor.roles.includes('tenant-admin')) return true;
    return this.registry.current().visibility.candidateBank.staffScope === 'tenant';
  }

  async assert(tx: TenantTx, actor: Actor, personId: string): Promise<void> {
    if (!this.tenantWide(actor)) await this.staff.assert(tx, actor, personId);
  }
}
