import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService, type AuditDetails } from '../../audit/src/audit.service.js';
import { PersonDataRegistry, type PersonDataHandler } from './person-data.registry.js';
import { ErasureBlockedError } from './erasure-blocked.error.js';
import { ErasureJournal } from './erasure-journal.js';

type Operation = 'erase' | 'anonymise' | 'inactivate';

const MANY = { erase: 'eraseMany', anonymise: 'anonymiseMany', inactivate: 'inactivateMany' } as const;
const AUDIT_ACTION = { erase: 'person.erase', anonymise: 'person.anonymise', inactivate: 'person.inactivate' } as const;

/**
 * Erases, anonymises or inactivates people: every registered capability does its part in one
 * transaction, so a crash half-way leaves each person whole (and the next run finishes the job),
 * never half-deleted. Erasure and anonymisation are refused while a guard (a legal hold) says the
 * data must be kept. Audit entries name people by pseudonym; erasure records its own entry and then
 * destroys the pseudonyms' key, so the log keeps what happened without leading back to the person.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: PersonDataRegistry,
    private readonly audit: AuditService,
    private readonly journal: ErasureJournal,
  ) {}

  async erase(personId: string, reason: string): Promise<void> {
    await this.apply('erase', [personId], { reason });
  }

  async anonymise(personId: string, reason: string): Promise<void> {
    await this.apply('anonymise', [personId], { reason });
  }

  async inactivate(personId: string, reason: string): Promise<void> {
    await this.apply('inactivate', [personId], { reason });
  }

  /**
   * One operation for many people in the caller's unit of work (the retention sweep's batch).
   * `details` go into each person's audit entry: codes only.
   */
  async applyMany(operation: Operation, personIds: readonly string[], details: AuditDetails): Promise<void> {
    await this.apply(operation, personIds, details);
  }

  private apply(operation: Operation, personIds: readonly string[], details: AuditDetails): Promise<void> {
    if (!personIds.length) return Promise.resolve();
    return this.db.transaction(async (tx) => {
      if (operation !== 'inactivate') {
        const blocked = await this.registry.blocked(tx, personIds);
        if (blocked.size) throw new ErasureBlockedError(blocked);
      }
      const alsoErased: string[] = [];
      for (const handler of this.registry.ordered()) alsoErased.push(...(await this.run(handler, operation, tx, personIds)));
      // The erasure a person asked for belongs to their rights request, not to retention.
      const processingActivity = details.reason === 'rights-request' ? 'data-subject-rights' : undefined;
      const entries = personIds.map((personId) => ({ action: AUDIT_ACTION[operation], processingActivity, subjectType: 'person', subjectId: personId, details }));
      // Last: nothing may write an audit entry about them after this (it would create a new key).
      if (operation === 'erase') await this.audit.recordAndForget(entries, [...personIds, ...alsoErased], tx);
      else await this.audit.recordMany(entries, tx);
      // On disk before the commit: a restore from an older backup must be able to do this again.
      if (operation !== 'inactivate') await this.journal.append(tx.tenantId, operation, personIds);
    });
  }

  private async run(h: PersonDataHandler, operation: Operation, tx: TenantTx, personIds: readonly string[]): Promise<string[]> {
    const many = h[MANY[operation]];
    if (many) return ids(await many.call(h, tx, personIds));
    const one = h[operation];
    const out: string[] = [];
    if (one) for (const id of personIds) out.push(...ids(await one.call(h, tx, id)));
    return out;
  }

  async export(personId: string): Promise<Record<string, unknown>> {
    return this.db.transaction(async (tx) => {
      const out: Record<string, unknown> = {};
      for (const h of this.registry.all()) if (h.export) out[h.name] = await h.export(tx, personId);
      await this.audit.record({ action: 'person.export', subjectType: 'person', subjectId: personId }, tx);
      return out;
    });
  }
}

function ids(result: void | readonly string[]): string[] {
  return Array.isArray(result) ? [...(result as readonly string[])] : [];
}
