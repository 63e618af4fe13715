import { ForbiddenException, Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import type { EmployerUnit } from './connection.store.js';
import { listedToOutsidersByHandle, type ListedProfile } from '../../profiles/src/index.js';

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
   * included), so an employer can only ask about the listing they see now. The rule is libs/profiles'
   * one: where the tenant limits the listing period, a profile without an end date is not in the
   * pool (this reader used to count it as listed).
   */
  async listed(tx: TenantTx, handle: string): Promise<ListedProfile | null> {
    return listedToOutsidersByHandle(tx, this.registry.current(), handle, this.clock.now());
  }

  /** Employers ask only where they may search the pool; some tenants admit only flagged organisations (statement 001). */
  assertMaySearch(unit: EmployerUnit): void {
    const bank = this.registry.current().visibility.candidateBank;
    if (!bank.searchers.includes('employer')) throw new ForbiddenException('Employers do not search the candidate pool here');
    if (bank.employerAccess === 'org-units-with-bank-access' && !unit.candidateBankAccess)
      throw new ForbiddenException('Your organisation has no access to the candidate pool');
  }
}
