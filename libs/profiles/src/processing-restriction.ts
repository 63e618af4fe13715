import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';
import { returning } from '../../mail/src/returning.js';

/**
 * Mail categories that rest on the tenant's legitimate interest in reaching the person (marketing):
 * held back while their processing is restricted. Transactional mail (the request's own mails, a
 * password reset), legally required notices (`reminder`: retention warnings) and what the person
 * asked for themselves with a double opt-in (`alert`) still go.
 */
export const RESTRICTED_MAIL_CATEGORIES: readonly string[] = ['newsletter'];

/**
 * Whether processing based on legitimate interest is restricted for this person now: any holder in
 * force. Read from the holders rather than the profile's flag, so it also holds for a person without
 * a profile (an employer's contact who objected).
 */
export async function isProcessingRestricted(tx: TenantTx, personId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM processing_restriction_holders WHERE tenant_id = $1 AND person_id = $2 AND lifted_at IS NULL LIMIT 1`,
    [tx.tenantId, personId],
  );
  return rows.length > 0;
}

/** One party's hold on a person's restriction, while it is in force. */
export interface RestrictionHolder {
  /** Who holds it: `rights-request:<id>`, `tenant:<key>` (a tenant's own), `legacy` (from before holders). */
  readonly holder: string;
  /** What the person knows it by (a request's or objection's reference), for the mails about it. */
  readonly reference: string | null;
  readonly placedAt: Date;
  /** The day an announced lift takes effect; null while no lift is announced. */
  readonly liftsOn: string | null;
  readonly liftReason: string | null;
}

/** A holder whose announced lift took effect. */
export interface AppliedLift extends RestrictionHolder {
  readonly personId: string;
}

const HOLDER_COLUMNS = `holder, reference, placed_at AS "placedAt", to_char(lifts_on, 'YYYY-MM-DD') AS "liftsOn", lift_reason AS "liftReason"`;

/**
 * The restriction of processing a person is under (GDPR art. 18 / 21), held by any number of
 * holders (`processing_restriction_holders`): the person is restricted while any holder is in
 * force, and lifting one never lifts another's. The profile's flag (`processing_restricted_at`) is
 * what every reader checks: while set, the candidate-bank listing rule lists the profile to no
 * outside reader, the search index marks it hidden from employers, the talent pool does not offer
 * it and marketing mail is suppressed. Every change here re-derives the flag from the holders in the
 * caller's unit of work, under the profile's row lock, so two holders changing at once cannot leave
 * it wrong.
 */
@Injectable()
export class ProcessingRestrictions {
  constructor(
    private readonly search: SearchIndexService,
    private readonly clock: Clock,
  ) {}

  /** Places the holder's hold (nothing when it holds already); true when it is new. */
  async place(tx: TenantTx, personId: string, holder: string, reference: string | null): Promise<boolean> {
    await this.hold(tx, personId);
    const placed = returning(
      await tx.query(
      `INSERT INTO processing_restriction_holders (tenant_id, person_id, holder, reference, placed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, person_id, holder) WHERE lifted_at IS NULL DO NOTHING
       RETURNING id`,
      [tx.tenantId, personId, holder, reference, this.clock.now()],
      ),
    );
    await this.sync(tx, personId);
    return placed.length > 0;
  }

  /**
   * Ends the holder's hold now, without notice: for a hold the person is told about by the answer
   * that ends it (a refused request, whose refusal mail says so). Other holders keep theirs.
   */
  async liftNow(tx: TenantTx, personId: string, holder: string): Promise<boolean> {
    await this.hold(tx, personId);
    const lifted = returning(
      await tx.query(
        `UPDATE processing_restriction_holders SET lifted_at = $4
          WHERE tenant_id = $1 AND person_id = $2 AND holder = $3 AND lifted_at IS NULL RETURNING id`,
        [tx.tenantId, personId, holder, this.clock.now()],
      ),
    );
    await this.sync(tx, personId);
    return lifted.length > 0;
  }

  /**
   * Announces that the holder's hold ends on `liftsOn` (art. 18(3): the person hears before it
   * ends); it keeps holding until then. Null when the holder holds nothing or a lift is announced.
   */
  async announceLift(
    tx: TenantTx,
    personId: string,
    holder: string,
    lift: { liftsOn: string; reason: string; by: string | null },
  ): Promise<RestrictionHolder | null> {
    await this.hold(tx, personId);
    const [row] = returning<RestrictionHolder>(
      await tx.query(
        `UPDATE processing_restriction_holders SET lifts_on = $4, lift_reason = $5, lift_announced_by = $6, lift_announced_at = $7
          WHERE tenant_id = $1 AND person_id = $2 AND holder = $3 AND lifted_at IS NULL AND lifts_on IS NULL
          RETURNING ${HOLDER_COLUMNS}`,
        [tx.tenantId, personId, holder, lift.liftsOn, lift.reason, lift.by, this.clock.now()],
      ),
    );
    return row ?? null;
  }

  /** Withdraws announced lifts (of one holder, or all of the person's): they keep holding. */
  async cancelLifts(tx: TenantTx, personId: string, holder?: string): Promise<RestrictionHolder[]> {
    await this.hold(tx, personId);
    return returning<RestrictionHolder>(
      await tx.query(
        `UPDATE processing_restriction_holders SET lifts_on = NULL, lift_reason = NULL, lift_announced_by = NULL, lift_announced_at = NULL
          WHERE tenant_id = $1 AND person_id = $2 AND ($3::text IS NULL OR holder = $3) AND lifted_at IS NULL AND lifts_on IS NOT NULL
          RETURNING ${HOLDER_COLUMNS}`,
        [tx.tenantId, personId, holder ?? null],
      ),
    );
  }

  /**
   * Lifts whose announced day has come (`today` in the Dutch calendar), each person's flag
   * re-derived. A second worker at the same time waits for the profile's lock and finds nothing left.
   */
  async applyDueLifts(tx: TenantTx, today: string): Promise<AppliedLift[]> {
    const due = await tx.query<{ personId: string }>(
      `SELECT DISTINCT person_id AS "personId" FROM processing_restriction_holders
        WHERE tenant_id = $1 AND lifted_at IS NULL AND lifts_on <= $2::date`,
      [tx.tenantId, today],
    );
    const applied: AppliedLift[] = [];
    for (const { personId } of due) {
      await this.hold(tx, personId);
      const rows = returning<AppliedLift>(
        await tx.query(
          `UPDATE processing_restriction_holders SET lifted_at = $4
            WHERE tenant_id = $1 AND person_id = $2 AND lifted_at IS NULL AND lifts_on <= $3::date
            RETURNING person_id AS "personId", ${HOLDER_COLUMNS}`,
          [tx.tenantId, personId, today, this.clock.now()],
        ),
      );
      await this.sync(tx, personId);
      applied.push(...rows);
    }
    return applied;
  }

  /** The holders in force for the person, oldest first. */
  holders(tx: TenantTx, personId: string): Promise<RestrictionHolder[]> {
    return tx.query<RestrictionHolder>(
      `SELECT ${HOLDER_COLUMNS} FROM processing_restriction_holders
        WHERE tenant_id = $1 AND person_id = $2 AND lifted_at IS NULL ORDER BY placed_at, holder`,
      [tx.tenantId, personId],
    );
  }

  /**
   * Sets the flag while any holder is in force and clears it when none is, re-indexing the profile
   * in the same unit of work so no search answer after the commit lists a restricted person. A
   * person without a profile (an employer's contact, staff) has nothing listed: the holders alone.
   */
  private async sync(tx: TenantTx, personId: string): Promise<void> {
    const changed = returning(
      await tx.query(
        `WITH held AS (SELECT EXISTS (SELECT 1 FROM processing_restriction_holders
                         WHERE tenant_id = $1 AND person_id = $2 AND lifted_at IS NULL) AS held)
         UPDATE profiles SET processing_restricted_at = CASE WHEN held.held THEN coalesce(processing_restricted_at, $3) END
           FROM held
          WHERE tenant_id = $1 AND id = $2 AND (processing_restricted_at IS NOT NULL) <> held.held
          RETURNING id`,
        [tx.tenantId, personId, this.clock.now()],
      ),
    );
    if (changed.length) await this.search.index(tx, personId);
  }

  /**
   * Locks the person's profile row until the unit of work ends. Every change of a holder takes it
   * before re-deriving the flag, so a hold placed while another is lifted cannot be lost between
   * the read and the write.
   */
  async hold(tx: TenantTx, personId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM profiles WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
      tx.tenantId,
      personId,
    ]);
  }

  isRestricted(tx: TenantTx, personId: string): Promise<boolean> {
    return isProcessingRestricted(tx, personId);
  }
}
