import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';

/**
 * Subject types whose id is a person's id (an account, a profile, which shares its account's id, or an
 * alert subscriber without an account). The audit log stores those, and every actor, as the person's
 * pseudonym, never as the id itself.
 */
export const PERSON_SUBJECT_TYPES: readonly string[] = ['person', 'profile', 'account', 'alert-subscriber'];

export function isPersonSubject(subjectType: string): boolean {
  return PERSON_SUBJECT_TYPES.includes(subjectType);
}

/**
 * The key that ties a person to their audit entries: one random pseudonym per person, the only
 * place where person id and pseudonym meet. While the row exists, readers find a person's entries
 * through it; erasure deletes it, and what the append-only log keeps about the person can no longer
 * be linked to anyone.
 */
@Injectable()
export class AuditPseudonyms {
  constructor(private readonly clock: Clock) {}

  /** The pseudonym of each person, created for those who have none yet. */
  async ensure(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(personIds)];
    if (!ids.length) return new Map();
    // The outer SELECT cannot see the CTE's inserts (one snapshot), so both are returned.
    const rows = await tx.query<{ person_id: string; pseudonym: string }>(
      `WITH wanted AS (SELECT DISTINCT unnest($2::uuid[]) AS person_id),
            added AS (
              INSERT INTO audit_pseudonyms (tenant_id, person_id, pseudonym, created_at)
              SELECT $1, w.person_id, gen_random_uuid(), $3 FROM wanted w
              ON CONFLICT (tenant_id, person_id) DO NOTHING
              RETURNING person_id, pseudonym)
       SELECT person_id, pseudonym FROM added
       UNION ALL
       SELECT person_id, pseudonym FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [tx.tenantId, ids, this.clock.now()],
    );
    const out = new Map(rows.map((r) => [r.person_id, r.pseudonym]));
    // A concurrent transaction created one meanwhile: visible to the next statement.
    const late = ids.filter((id) => !out.has(id));
    if (late.length) for (const [id, p] of await this.find(tx, late)) out.set(id, p);
    return out;
  }

  /** Existing pseudonyms only: a reader must not create keys for people it merely looks up. */
  async find(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, string>> {
    if (!personIds.length) return new Map();
    const rows = await tx.query<{ person_id: string; pseudonym: string }>(
      `SELECT person_id, pseudonym FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
      [tx.tenantId, [...personIds]],
    );
    return new Map(rows.map((r) => [r.person_id, r.pseudonym]));
  }

  /** Erasure destroys the key: the person's audit entries stay, linked to nobody. */
  async forget(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    if (!personIds.length) return;
    await tx.query(`DELETE FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [
      tx.tenantId,
      [...personIds],
    ]);
  }
}
