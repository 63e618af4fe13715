import { Injectable, NotFoundException } from '@nestjs/common';
import {
  AuditService,
  Clock,
  PersonDataRegistry,
  RetentionService,
  TenantDb,
  ValidationProblem,
  type TenantTx,
} from '../../../libs/tenant-host/src/index.js';

/**
 * "We will store your contact information ... as long as we have a contract with you or you are
 * an employer using our service": staff record when that ended, which starts the business
 * contact's schedule (deleted the day after); a renewed contract takes them off it again.
 */
@Injectable()
export class BusinessContractsService {
  constructor(
    private readonly db: TenantDb,
    private readonly people: PersonDataRegistry,
    private readonly retention: RetentionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async ended(accountId: string, endedOn: string) {
    const at = new Date(`${endedOn}T00:00:00Z`);
    const now = this.clock.now();
    if (at > now) throw new ValidationProblem([{ field: 'endedOn', reason: 'must not be in the future: record it once it has ended' }]);
    await this.db.transaction(async (tx) => {
      await this.assertContact(tx, accountId);
      await this.retention.anchor(tx, { personId: accountId, personKind: 'employer-contact', anchor: 'end-of-contract', at, now });
      await this.audit.recordTenantAction({ action: 'contract.end', subjectType: 'person', subjectId: accountId, details: { endedOn } }, tx);
    });
    return { accountId, endedOn };
  }

  async renewed(accountId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.assertContact(tx, accountId);
      await this.retention.clear(tx, { personId: accountId, personKind: 'employer-contact', anchor: 'end-of-contract' });
      await this.audit.recordTenantAction({ action: 'contract.renew', subjectType: 'person', subjectId: accountId }, tx);
    });
  }

  private async assertContact(tx: TenantTx, accountId: string): Promise<void> {
    if (!(await this.people.contacts(tx, [accountId])).has(accountId)) throw new NotFoundException('No business contact with this id');
  }
}
