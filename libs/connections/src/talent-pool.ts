import { ForbiddenException, Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import type { EmployerUnit } from './connection.store.js';

/**
 * Which profiles an employer may ask to connect with: the ones employers can find at all. A
 * profile outside the pool is reported as unknown, so asking never reveals that it exists.
 */
@Injectable()
export class TalentPool {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
  ) {}

  /**
   * The profile employers may find under this public handle (the one search answers list), or
   * null: also for a handle since redrawn, and for anything that is not a handle (an internal id
   * included), so an employer can only ask about the listing they see now. Not while the person's
   * processing is restricted (an objection or restriction request open or upheld).
   */
  async listed(tx: TenantTx, handle: string): Promise<{ personId: string; alias: string; handle: string } | null> {
    const poolConsent = this.registry.current().visibility.candidateBank.requiresConsent ?? null;
    const [row] = await tx.query<{ personId: string; alias: string; handle: string }>(
      `SELECT p.id AS "personId", p.alias, p.public_handle AS handle FROM profiles p
        WHERE p.tenant_id = $1 AND p.public_handle = $2
          AND p.state IN ('active', 'anonymous') AND p.visible_to_employers
          AND p.processing_restricted_at IS NULL
          AND (p.listed_until IS NULL OR p.listed_until > $3)
          AND ($4::text IS NULL OR EXISTS (
                SELECT 1 FROM consent_state s
                 WHERE s.tenant_id = p.tenant_id AND s.person_id = p.id AND s.purpose = $4 AND s.granted))`,
      [tx.tenantId, handle, this.clock.now(), poolConsent],
    );
    return row ?? null;
  }

  /** Employers ask only where they may search the pool; some tenants admit only flagged organisations (statement 001). */
  assertMaySearch(unit: EmployerUnit): void {
    const bank = this.registry.current().visibility.candidateBank;
    if (!bank.searchers.includes('employer')) throw new ForbiddenException('Employers do not search the candidate pool here');
    if (bank.employerAccess === 'org-units-with-bank-access' && !unit.candidateBankAccess)
      throw new ForbiddenException('Your organisation has no access to the candidate pool');
  }
}
