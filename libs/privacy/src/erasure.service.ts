import { Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { PersonDataRegistry } from './person-data.registry.js';

/**
 * Erases a person: every registered capability removes its part in one transaction, so a crash
 * half-way leaves the person whole (and the next run finishes the job), never half-deleted.
 * The audit entry names the person by id only.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: PersonDataRegistry,
    private readonly audit: AuditService,
  ) {}

  async erase(personId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const handler of this.registry.ordered()) await handler.erase(tx, personId);
      await this.audit.record(
        { action: 'person.erase', subjectType: 'person', subjectId: personId, details: { reason } },
        tx,
      );
    });
  }

  async anonymise(personId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const handler of this.registry.ordered()) await handler.anonymise?.(tx, personId);
      await this.audit.record(
        { action: 'person.anonymise', subjectType: 'person', subjectId: personId, details: { reason } },
        tx,
      );
    });
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
