import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { MAIL_CATEGORIES, type MailCategory } from '../../plugin-api/src/index.js';

export type SuppressionReason = 'unsubscribed' | 'hard-bounce' | 'complaint';

/** Categories a person can opt out of; transactional mail (account confirmation) cannot be refused. */
export const OPTIONAL_CATEGORIES = MAIL_CATEGORIES.filter((c) => c !== 'transactional');

/**
 * The per-tenant list of addresses not to mail. A row for one category is an opt-out of that
 * category; a row for '*' (a hard bounce) stops everything, transactional mail included.
 */
@Injectable()
export class SuppressionService {
  constructor(private readonly clock: Clock) {}

  async isSuppressed(tx: TenantTx, addressHash: string, category: MailCategory): Promise<boolean> {
    return (await this.suppressedOf(tx, [{ addressHash, category }]))[0];
  }

  /** For each (address, category), whether it is suppressed: one statement for a whole batch of mail. */
  async suppressedOf(tx: TenantTx, wanted: readonly { addressHash: string; category: MailCategory }[]): Promise<boolean[]> {
    const rows = await tx.query<{ address_hash: string; category: string }>(
      `SELECT address_hash, category FROM mail_suppressions WHERE tenant_id = $1 AND address_hash = ANY($2::text[])`,
      [tx.tenantId, [...new Set(wanted.map((w) => w.addressHash))]],
    );
    const off = new Set(rows.map((r) => `${r.address_hash} ${r.category}`));
    return wanted.map((w) => off.has(`${w.addressHash} *`) || off.has(`${w.addressHash} ${w.category}`));
  }

  async suppress(
    tx: TenantTx,
    addressHash: string,
    category: MailCategory | '*',
    reason: SuppressionReason,
    personId: string | null,
  ): Promise<void> {
    if (category === 'transactional') throw new Error('transactional mail cannot be suppressed per category');
    await tx.query(
      `INSERT INTO mail_suppressions (tenant_id, address_hash, category, reason, person_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, address_hash, category) DO UPDATE
         SET person_id = COALESCE(mail_suppressions.person_id, EXCLUDED.person_id)`,
      [tx.tenantId, addressHash, category, reason, personId, this.clock.now()],
    );
  }

  /** Opting back in lifts only the person's own opt-outs, never a bounce. */
  async resubscribe(tx: TenantTx, addressHash: string, category: MailCategory): Promise<void> {
    await tx.query(
      `DELETE FROM mail_suppressions
        WHERE tenant_id = $1 AND address_hash = $2 AND category = $3 AND reason IN ('unsubscribed', 'complaint')`,
      [tx.tenantId, addressHash, category],
    );
  }

  async preferences(tx: TenantTx, addressHash: string): Promise<{ category: MailCategory; subscribed: boolean }[]> {
    const rows = await tx.query<{ category: string }>(
      `SELECT category FROM mail_suppressions WHERE tenant_id = $1 AND address_hash = $2`,
      [tx.tenantId, addressHash],
    );
    const off = new Set(rows.map((r) => r.category));
    return OPTIONAL_CATEGORIES.map((category) => ({ category, subscribed: !off.has('*') && !off.has(category) }));
  }
}
