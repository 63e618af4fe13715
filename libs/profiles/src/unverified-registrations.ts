import { Injectable, Logger } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ErasureService } from '../../privacy/src/index.js';

/** People erased per run and tenant; a larger backlog waits for the next run. */
const PER_RUN = 500;

/**
 * A self-registration nobody confirmed is erased once its last verification link has expired:
 * nothing about it was ever proven, and whatever waited for the proof (a tenant's pending
 * application) goes with it through the same erasure every capability and tenant takes part in.
 * Self-registered accounts are those that were sent a verification link; accounts made by an
 * organisation (invitations) never are, and are left alone.
 */
@Injectable()
export class UnverifiedRegistrations {
  private readonly logger = new Logger('unverified-registrations');

  constructor(
    private readonly db: TenantDb,
    private readonly erasure: ErasureService,
    private readonly clock: Clock,
  ) {}

  /** Erases the tenant in context's expired unverified registrations; returns how many. */
  async expire(): Promise<number> {
    const now = this.clock.now();
    const expired = await this.db.transaction((tx) =>
      tx.query<{ id: string }>(
        `SELECT a.id FROM accounts a
          WHERE a.tenant_id = $1 AND a.email_verified_at IS NULL AND a.password_hash IS NULL AND 'jobseeker' = ANY (a.roles)
            AND EXISTS (SELECT 1 FROM email_verification_tokens t WHERE t.tenant_id = $1 AND t.account_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM email_verification_tokens t
                             WHERE t.tenant_id = $1 AND t.account_id = a.id AND (t.used_at IS NOT NULL OR t.expires_at > $2))
          ORDER BY a.id LIMIT ${PER_RUN}`,
        [tx.tenantId, now],
      ),
    );
    let erased = 0;
    for (const { id } of expired) {
      try {
        await this.erasure.erase(id, 'registration-not-confirmed');
        erased++;
      } catch (err) {
        // A legal hold, or a row that will not go: that person waits, the others do not.
        this.logger.error({ err }, 'an unconfirmed registration could not be erased');
      }
    }
    return erased;
  }
}
