import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ErasureService, PersonDataRegistry } from '../../privacy/src/index.js';
import type { Finisher, Outcome } from './rights-execution.js';
import type { RightsRequestRow } from './rights-request.js';
import { RightsMailer } from './rights-mailer.js';

export interface StoreCheck {
  /** A table, or a store that is not a table (file store, audit log). */
  store: string;
  outcome:
    | 'nothing left'
    | 'kept without identity'
    | 'files removed after commit'
    | 'still holds the person';
  /** Rows still holding the person's id or address after the erasure. */
  remaining?: number;
}

export interface ErasureReport {
  erasedAt: string;
  /** The capabilities whose erase step ran, in order. */
  capabilities: string[];
  stores: StoreCheck[];
}

/** Stores whose rows are meant to outlive a person without naming them. */
const KEPT_WITHOUT_IDENTITY: Record<string, string> = {
  audit_log: 'entries stay; the pseudonym key that tied them to the person is destroyed',
};

/**
 * An erasure request carried out by the platform's one erasure (every capability, one transaction,
 * refused under a legal hold), then checked: every table of the tenant is searched for the
 * person's id and sign-in address and the result goes into the report. The report names tables and
 * counts only, never the person.
 */
@Injectable()
export class RightsErasure {
  constructor(
    private readonly erasure: ErasureService,
    private readonly people: PersonDataRegistry,
    private readonly mailer: RightsMailer,
    private readonly clock: Clock,
  ) {}

  async execute(tx: TenantTx, r: RightsRequestRow, finish: Finisher): Promise<Outcome> {
    const personId = r.personId!;
    const held = (await this.people.blocked(tx, [personId])).get(personId);
    if (held) return { blocked: held };
    const contact = await this.mailer.contact(tx, personId);
    await this.erasure.applyMany('erase', [personId], { reason: 'rights-request', request: r.id });
    const report: ErasureReport = {
      erasedAt: this.clock.now().toISOString(),
      capabilities: this.people.ordered().map((h) => h.name),
      stores: await this.verify(tx, personId, contact?.address ?? null),
    };
    return { row: await finish(tx, { ...r, personId: null }, { report, erased: contact }) };
  }

  private async verify(
    tx: TenantTx,
    personId: string,
    address: string | null,
  ): Promise<StoreCheck[]> {
    const columns = await tx.query<{ table: string; column: string; type: string }>(
      `SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.data_type IN ('uuid', 'text', 'jsonb', 'ARRAY')
          AND c.column_name <> 'tenant_id'
          AND EXISTS (SELECT 1 FROM information_schema.columns t WHERE t.table_schema = 'public' AND t.table_name = c.table_name AND t.column_name = 'tenant_id')
        ORDER BY 1, 2`,
      [],
    );
    const byTable = new Map<string, { column: string; type: string }[]>();
    for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
    const out: StoreCheck[] = [];
    for (const [table, cols] of byTable) {
      const tests = cols.map((c) =>
        c.type === 'uuid'
          ? `"${c.column}" = $2::uuid`
          : `position(lower($3::text) in lower("${c.column}"::text)) > 0 OR position($2::text in "${c.column}"::text) > 0`,
      );
      const [{ n }] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1 AND (${tests.join(' OR ')})`,
        // Only the parameters the statement uses: PostgreSQL refuses a bind with more.
        cols.some((c) => c.type !== 'uuid')
          ? [tx.tenantId, personId, address ?? personId]
          : [tx.tenantId, personId],
      );
      out.push({
        store: table,
        outcome: n
          ? 'still holds the person'
          : KEPT_WITHOUT_IDENTITY[table]
            ? 'kept without identity'
            : 'nothing left',
        remaining: n,
      });
    }
    out.push({ store: 'file store', outcome: 'files removed after commit' });
    return out;
  }
}
