import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { AccountsService } from '../../auth/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { MailService } from '../../mail/src/mail.service.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profilesDefinition } from './profiles-definition.js';
import { EmailVerifiedListeners } from './email-verified.listeners.js';

/** Long enough to reach a mailbox after a weekend, short enough that a stale link is useless. */
export const VERIFICATION_TTL_HOURS = 72;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const invalidToken = () => new ValidationProblem([{ field: 'token', reason: 'is unknown, already used or expired' }], 400);

/**
 * Proves the person holds the address before they can sign in, and lets them choose the password
 * there. The token is random, only its hash is stored, it expires and it works once. A registration
 * whose every link expired unused is erased (UnverifiedRegistrations).
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly db: TenantDb,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly registry: TenantRegistry,
    private readonly accounts: AccountsService,
    private readonly verified: EmailVerifiedListeners,
  ) {}

  /** Issues a token and queues the tenant's verify-email mail in the caller's unit of work. */
  async send(tx: TenantTx, to: { accountId: string; address: string; locale: string; name: string }): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await tx.query(
      `INSERT INTO email_verification_tokens (tenant_id, account_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [tx.tenantId, to.accountId, sha256(token), new Date(now.getTime() + VERIFICATION_TTL_HOURS * 3_600_000), now],
    );
    const url = new URL('/verify-email', this.config.PUBLIC_BASE_URL);
    url.searchParams.set('tenant', RequestContext.tenant().key);
    url.searchParams.set('token', token);
    await this.mail.enqueue(tx, {
      template: 'verify-email',
      to: { address: to.address, personId: to.accountId, personKind: 'jobseeker', locale: to.locale },
      variables: { name: to.name, verifyUrl: url.toString() },
      idempotencyKey: `verify-email:${sha256(token)}`,
    });
  }

  /**
   * Proves the mailbox and sets the password its holder chooses now: the only way a registered
   * account gets a password, so whoever registered the address (perhaps not its owner) never
   * holds it. Any other open token of the account stops working too, and every session ends.
   */
  async verify(token: string, password: string): Promise<{ verified: true }> {
    profilesDefinition(this.registry);
    const hash = sha256(token);
    const [target] = await this.db.transaction((tx) =>
      tx.query<{ id: string; email: string; display_name: string }>(
        `SELECT a.id, a.email, a.display_name FROM email_verification_tokens t
           JOIN accounts a ON a.tenant_id = t.tenant_id AND a.id = t.account_id
          WHERE t.tenant_id = $1 AND t.token_hash = $2 AND t.used_at IS NULL AND t.expires_at > $3`,
        [tx.tenantId, hash, this.clock.now()],
      ),
    );
    if (!target) throw invalidToken();
    // Hashed before the unit of work opens: argon2 takes tens of milliseconds.
    const passwordHash = await this.accounts.hashNewPassword({ email: target.email, displayName: target.display_name }, password);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const [row] = await tx.query<{ account_id: string }>(
        `WITH used AS (
           UPDATE email_verification_tokens SET used_at = $3
            WHERE tenant_id = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3
            RETURNING account_id
         ) SELECT account_id FROM used`,
        [tx.tenantId, hash, now],
      );
      if (!row) throw invalidToken();
      await this.accounts.setProvenPassword(tx, { id: row.account_id, email: target.email }, passwordHash);
      await tx.query(
        `UPDATE email_verification_tokens SET used_at = $3 WHERE tenant_id = $1 AND account_id = $2 AND used_at IS NULL`,
        [tx.tenantId, row.account_id, now],
      );
      await this.audit.record({ action: 'account.verify-email', subjectType: 'account', subjectId: row.account_id }, tx);
      await this.activity.touch(row.account_id, 'jobseeker', 'link-click', tx);
      await this.verified.notify(tx, row.account_id);
      return { verified: true as const };
    });
  }
}
