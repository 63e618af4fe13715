import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { addPeriod } from './period.js';
import { RetentionReach } from './retention-reach.js';

export interface LegalHold {
  id: string;
  personId: string;
  reason: string;
  endsAt: Date;
  createdAt: Date;
  createdBy: string | null;
  releasedAt: Date | null;
  releasedBy: string | null;
  active: boolean;
}

/** Longest hold one decision may place; a longer obligation is extended when it is confirmed. */
const MAX_HOLD = { years: 30 };

const COLUMNS = `id, person_id AS "personId", reason, ends_at AS "endsAt", created_at AS "createdAt", created_by AS "createdBy",
  released_at AS "releasedAt", released_by AS "releasedBy", (released_at IS NULL AND ends_at > $2) AS active`;

/**
 * Legal holds (statement 004: a subsidy scheme that requires longer retention): while a hold is
 * active, neither the retention sweep nor an erasure request removes or anonymises the person's
 * data. Placing, extending and releasing are audited; the reason stays in the hold, not the log.
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reach: RetentionReach,
  ) {}

  async place(actor: Actor, input: { personId: string; reason: string; endsAt: string }): Promise<LegalHold> {
    const now = this.clock.now();
    const endsAt = this.endDate(input.endsAt, now);
    return this.db.transaction(async (tx) => {
      if (!(await this.personExists(tx, input.personId)))
        throw new ValidationProblem([{ field: 'personId', reason: 'is not a person of this tenant' }], 404);
      await this.reach.assert(tx, actor, input.personId);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO legal_holds (tenant_id, person_id, reason, ends_at, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [tx.tenantId, input.personId, input.reason.trim(), endsAt, now, actor.accountId],
      );
      await this.audit.record(
        {
          action: 'retention.hold-place',
          subjectType: 'person',
          subjectId: input.personId,
          details: { holdId: row.id, endsAt: endsAt.toISOString() },
        },
        tx,
      );
      return this.get(tx, row.id);
    });
  }

  async extend(actor: Actor, id: string, endsAtText: string): Promise<LegalHold> {
    const now = this.clock.now();
    const endsAt = this.endDate(endsAtText, now);
    return this.db.transaction(async (tx) => {
      const hold = await this.reachable(tx, actor, id);
      if (!hold.active) throw new ValidationProblem([{ field: 'id', reason: 'the hold has ended or was released' }], 409);
      if (endsAt <= hold.endsAt) throw new ValidationProblem([{ field: 'endsAt', reason: 'must be later than the current end' }]);
      await tx.query(`UPDATE legal_holds SET ends_at = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id, endsAt]);
      await this.audit.record(
        {
          action: 'retention.hold-extend',
          subjectType: 'person',
          subjectId: hold.personId,
          details: { holdId: id, from: hold.endsAt.toISOString(), to: endsAt.toISOString() },
        },
        tx,
      );
      return this.get(tx, id);
    });
  }

  async release(actor: Actor, id: string): Promise<LegalHold> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const hold = await this.reachable(tx, actor, id);
      if (!hold.active) return hold;
      await tx.query(`UPDATE legal_holds SET released_at = $3, released_by = $4 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        id,
        now,
        actor.accountId,
      ]);
      // Work the hold postponed is due again now (another hold, if any, postpones it again).
      await tx.query(
        `UPDATE retention_state SET next_due_at = $3 WHERE tenant_id = $1 AND person_id = $2 AND status = 'active' AND next_due_at > $3`,
        [tx.tenantId, hold.personId, now],
      );
      await this.audit.record(
        { action: 'retention.hold-release', subjectType: 'person', subjectId: hold.personId, details: { holdId: id } },
        tx,
      );
      return this.get(tx, id);
    });
  }

  /** A person's holds, or every hold of the tenant for those who see the tenant's retention as a whole. */
  list(actor: Actor, personId?: string): Promise<LegalHold[]> {
    if (!personId && !this.reach.tenantWide(actor))
      throw new ValidationProblem([{ field: 'personId', reason: 'is required: you see the holds of the people you support only' }]);
    return this.db.transaction(async (tx) => {
      if (personId) await this.reach.assert(tx, actor, personId);
      return tx.query<LegalHold>(
        `SELECT ${COLUMNS} FROM legal_holds WHERE tenant_id = $1 AND ($3::uuid IS NULL OR person_id = $3)
          ORDER BY created_at DESC LIMIT 500`,
        [tx.tenantId, this.clock.now(), personId ?? null],
      );
    });
  }

  /** Per held person, the end of their latest active hold. */
  async activeUntil(tx: TenantTx, personIds: readonly string[], now: Date): Promise<Map<string, Date>> {
    if (!personIds.length) return new Map();
    const rows = await tx.query<{ person_id: string; until: Date }>(
      `SELECT person_id, max(ends_at) AS until FROM legal_holds
        WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]) AND released_at IS NULL AND ends_at > $3
        GROUP BY person_id`,
      [tx.tenantId, personIds, now],
    );
    return new Map(rows.map((r) => [r.person_id, new Date(r.until)]));
  }

  async deleteForPeople(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM legal_holds WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
    // Holds an erased staff member placed or released on others stay, without naming them.
    await tx.query(
      `UPDATE legal_holds SET created_by = CASE WHEN created_by = ANY($2::uuid[]) THEN NULL ELSE created_by END,
                              released_by = CASE WHEN released_by = ANY($2::uuid[]) THEN NULL ELSE released_by END
        WHERE tenant_id = $1 AND (created_by = ANY($2::uuid[]) OR released_by = ANY($2::uuid[]))`,
      [tx.tenantId, personIds],
    );
  }

  /** The hold, locked, when its person is within the caller's reach; otherwise as if there were none. */
  private async reachable(tx: TenantTx, actor: Actor, id: string): Promise<LegalHold> {
    const hold = await this.get(tx, id, true);
    try {
      await this.reach.assert(tx, actor, hold.personId);
    } catch (err) {
      if (err instanceof NotFoundException) throw new NotFoundException('No such legal hold');
      throw err;
    }
    return hold;
  }

  private async get(tx: TenantTx, id: string, lock = false): Promise<LegalHold> {
    const [hold] = await tx.query<LegalHold>(
      `SELECT ${COLUMNS} FROM legal_holds WHERE tenant_id = $1 AND id = $3${lock ? ' FOR UPDATE' : ''}`,
      [tx.tenantId, this.clock.now(), id],
    );
    if (!hold) throw new NotFoundException('No such legal hold');
    return hold;
  }

  private endDate(text: string, now: Date): Date {
    const endsAt = new Date(text);
    if (Number.isNaN(endsAt.getTime())) throw new ValidationProblem([{ field: 'endsAt', reason: 'must be a date' }]);
    if (endsAt <= now) throw new ValidationProblem([{ field: 'endsAt', reason: 'must be in the future' }]);
    if (endsAt > addPeriod(now, MAX_HOLD)) throw new ValidationProblem([{ field: 'endsAt', reason: 'must be within 30 years' }]);
    return endsAt;
  }

  private async personExists(tx: TenantTx, personId: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2
       UNION ALL SELECT 1 FROM person_activity WHERE tenant_id = $1 AND person_id = $2
       UNION ALL SELECT 1 FROM retention_state WHERE tenant_id = $1 AND person_id = $2 LIMIT 1`,
      [tx.tenantId, personId],
    );
    return rows.length > 0;
  }
}
