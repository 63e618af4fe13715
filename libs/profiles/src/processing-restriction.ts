import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';
import { returning } from '../../mail/src/returning.js';

/**
 * Mail categories that rest on the tenant's legitimate interest in reaching the person (marketing):
 * held back while their processing is restricted. Transactional mail (the request's own mails, a
 * password reset), legally required notices (`reminder`: retention warnings) and what the person
 * asked for themselves with a double opt-in (`alert`) still go.
 */
export const RESTRICTED_MAIL_CATEGORIES: readonly string[] = ['newsletter'];

/** Whether processing based on legitimate interest is restricted for this person now. */
export async function isProcessingRestricted(tx: TenantTx, personId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM profiles WHERE tenant_id = $1 AND id = $2 AND processing_restricted_at IS NOT NULL`,
    [tx.tenantId, personId],
  );
  return rows.length > 0;
}

/**
 * The one flag that says a person objected to or asked to restrict processing (GDPR art. 21 / 18):
 * owned by the profile, decided by the rights capability. While set, the candidate-bank listing
 * rule (`listedInCandidateBank`) lists the profile to no outside reader, the search index marks it
 * hidden from employers, the talent pool does not offer it and marketing mail is suppressed.
 */
@Injectable()
export class ProcessingRestrictions {
  constructor(
    private readonly search: SearchIndexService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets or clears the flag, in the caller's unit of work, and re-indexes the profile in it so no
   * search answer after the commit still lists a restricted person. A person without a profile
   * (staff, an erased account) has nothing listed: nothing to do.
   */
  async set(tx: TenantTx, personId: string, restricted: boolean): Promise<void> {
    await this.hold(tx, personId);
    const changed = returning(
      await tx.query(
        `UPDATE profiles SET processing_restricted_at = CASE WHEN $3 THEN coalesce(processing_restricted_at, $4) END
        WHERE tenant_id = $1 AND id = $2 AND (processing_restricted_at IS NULL) = $3
        RETURNING id`,
        [tx.tenantId, personId, restricted, this.clock.now()],
      ),
    );
    if (changed.length) await this.search.index(tx, personId);
  }

  /**
   * Locks the person's profile row until the unit of work ends. Whoever decides the flag from the
   * person's requests holds it before reading them, and every `set` takes it, so a request
   * received while another is refused cannot be lost between the read and the write.
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
