import type { INestApplicationContext } from '@nestjs/common';
import { RequestContext, SYSTEM } from '../../libs/context/src/index.js';
import { ErasureBlockedError, ErasureJournal, ErasureService, type JournalEntry } from '../../libs/privacy/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';

export interface ReplayReport {
  /** Erasures and anonymisations done again. */
  readonly replayed: number;
  /** Held by a legal hold in the restored data: left for staff, never forced. */
  readonly held: readonly JournalEntry[];
  /** Entries of tenants the restored database does not hold (created after the backup). */
  readonly unknownTenants: readonly string[];
}

/**
 * After a restore: does again every erasure and anonymisation journaled since the backup was
 * taken, through the same use case as the first time (every capability's part, files included,
 * audited), so a restore never brings back a person who was erased.
 */
export async function replayErasures(app: INestApplicationContext, since: Date): Promise<ReplayReport> {
  const entries = await app.get(ErasureJournal).since(since);
  const erasure = app.get(ErasureService);
  const tenants = new Map((await app.get(TenantsService).list()).map((t) => [t.id, t]));
  const held: JournalEntry[] = [];
  const unknown = new Set<string>();
  let replayed = 0;
  for (const entry of entries) {
    const tenant = tenants.get(entry.tenantId);
    if (!tenant) {
      unknown.add(entry.tenantId);
      continue;
    }
    try {
      await RequestContext.run({ tenant, actor: SYSTEM }, () =>
        entry.operation === 'erase' ? erasure.erase(entry.personId, 'restore-replay') : erasure.anonymise(entry.personId, 'restore-replay'),
      );
      replayed++;
    } catch (err) {
      if (!(err instanceof ErasureBlockedError)) throw err;
      held.push(entry);
    }
  }
  return { replayed, held, unknownTenants: [...unknown] };
}
