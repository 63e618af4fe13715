import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig, Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AccountsService, DeferredWork, personKindOf, normaliseEmail } from '../../auth/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { MailService } from '../../mail/src/mail.service.js';
import type { Role } from '../../plugin-api/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How long an invitation to an account created by someone else stays usable. */
export const INVITATION_TTL_DAYS = 14;

/** The same answer whether or not the address has an account. */
const ACCEPTED = { status: 'check-your-mail' } as const;

const INVALID_TOKEN = () =>
  new ValidationProblem([{ field: 'token', reason: 'is unknown, already used or expired' }], 400);

interface Recipient {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  roles: Role[];
}

/**
 * Password reset by the mailbox: a request mails a single-use link that expires after
 * PASSWORD_RESET_TTL_MINUTES (only its hash is stored); confirming it with a new password sets the
 * password, verifies the address if it was not (the holder proved the mailbox), ends the sign-in
 * delay of the address, and ends every session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly db: TenantDb,
    private readonly mail: MailService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly deferred: DeferredWork,
    private readonly registry: TenantRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * 202 whatever the address, from the input alone: the link is written and mailed after the
   * answer (DeferredWork), so neither the answer nor its timing tells whether an account exists.
   */
  request(email: string): typeof ACCEPTED {
    const address = normaliseEmail(email);
    this.deferred.later('password-reset request', () => this.issueForAddress(address));
    return ACCEPTED;
  }

  private async issueForAddress(address: string): Promise<void> {
    // The operators' tenant runs on no definition and sends no mail: nothing to issue there.
    if (!this.registry.has(RequestContext.tenant().plugin)) return;
    await this.db.transaction(async (tx) => {
      const issued = await this.issueToken(tx, { email: address }, this.expiry());
      if (issued) await this.mailLink(tx, issued.account, issued.token);
    });
  }

  /**
   * A single-use token for the account (by id or address, never a disabled one), stored as its
   * hash; null when there is no such account. One statement: the lookup and the insert.
   */
  private async issueToken(
    tx: TenantTx,
    target: { id: string } | { email: string },
    expires: Date,
  ): Promise<{ account: Recipient; token: string } | null> {
    const token = randomBytes(32).toString('base64url');
    const [column, value] = 'id' in target ? ['id', target.id] : ['email', target.email];
    const [account] = await tx.query<Recipient>(
      `WITH target AS (
         SELECT id, email, display_name, locale, roles FROM accounts WHERE tenant_id = $1 AND ${column} = $2 AND status <> 'disabled'
       ), issued AS (
         INSERT INTO password_reset_tokens (tenant_id, account_id, token_hash, expires_at, created_at)
         SELECT $1, id, $3, $4, $5 FROM target RETURNING account_id
       ) SELECT t.* FROM target t JOIN issued i ON i.account_id = t.id`,
      [tx.tenantId, value, sha256(token), expires, this.clock.now()],
    );
    return account ? { account, token } : null;
  }

  /**
   * A reset link for an account found elsewhere in the caller's unit of work (a registration of an
   * address that already has an account: its holder learns so, and can choose a new password).
   */
  async issue(tx: TenantTx, accountId: string): Promise<void> {
    const issued = await this.issueToken(tx, { id: accountId }, this.expiry());
    if (issued) await this.mailLink(tx, issued.account, issued.token);
  }

  /**
   * An invitation to an account someone else created (statement 004: the municipality creates and
   * pre-fills it): the same single-use link as a reset, valid for INVITATION_TTL_DAYS instead of
   * minutes (the holder may not read the mail today), confirmed by the same route, which sets the
   * password and proves the address.
   */
  async invite(tx: TenantTx, accountId: string): Promise<void> {
    await this.inviteMany(tx, [accountId]);
  }

  /** Invitations to many accounts in two statements (an import's new people): tokens, then mails. */
  async inviteMany(tx: TenantTx, accountIds: readonly string[]): Promise<void> {
    if (!accountIds.length) return;
    const expires = new Date(this.clock.now().getTime() + INVITATION_TTL_DAYS * 86_400_000);
    const tokens = new Map(accountIds.map((id) => [id, randomBytes(32).toString('base64url')]));
    const issued = await tx.query<Recipient>(
      `WITH wanted AS (
         SELECT x.account_id, x.token_hash, x.n FROM jsonb_to_recordset($2::jsonb) AS x(n integer, account_id uuid, token_hash text)
       ), target AS (
         SELECT a.id, a.email, a.display_name, a.locale, a.roles, w.token_hash, w.n
           FROM wanted w JOIN accounts a ON a.tenant_id = $1 AND a.id = w.account_id AND a.status <> 'disabled'
       ), issued AS (
         INSERT INTO password_reset_tokens (tenant_id, account_id, token_hash, expires_at, created_at)
         SELECT $1, id, token_hash, $3, $4 FROM target RETURNING account_id
       ) SELECT t.id, t.email, t.display_name, t.locale, t.roles FROM target t JOIN issued i ON i.account_id = t.id ORDER BY t.n`,
      [tx.tenantId, JSON.stringify([...tokens].map(([account_id, token], n) => ({ n, account_id, token_hash: sha256(token) }))), expires, this.clock.now()],
    );
    await this.mail.enqueueMany(
      tx,
      issued.map((account) => {
        const token = tokens.get(account.id)!;
        return {
          template: 'account-invitation',
          to: { address: account.email, personId: account.id, personKind: personKindOf(account.roles), locale: account.locale },
          variables: { name: account.display_name, inviteUrl: this.linkFor(token), validDays: String(INVITATION_TTL_DAYS) },
          idempotencyKey: `account-invitation:${sha256(token)}`,
        };
      }),
    );
  }

  async confirm(token: string, password: string): Promise<{ status: 'password-changed' }> {
    const hash = sha256(token);
    const [target] = await this.db.transaction((tx) =>
      tx.query<{ id: string; email: string; display_name: string }>(
        `SELECT a.id, a.email, a.display_name FROM password_reset_tokens t
           JOIN accounts a ON a.tenant_id = t.tenant_id AND a.id = t.account_id
          WHERE t.tenant_id = $1 AND t.token_hash = $2 AND t.used_at IS NULL AND t.expires_at > $3 AND a.status <> 'disabled'`,
        [tx.tenantId, hash, this.clock.now()],
      ),
    );
    if (!target) throw INVALID_TOKEN();
    // Hashed before the unit of work opens: argon2 takes tens of milliseconds.
    const passwordHash = await this.accounts.hashNewPassword(
      { email: target.email, displayName: target.display_name },
      password,
    );
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const [used] = await tx.query<{ account_id: string; roles: Role[] }>(
        `WITH used AS (
           UPDATE password_reset_tokens SET used_at = $3
            WHERE tenant_id = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3
            RETURNING account_id
         ) SELECT u.account_id, a.roles FROM used u JOIN accounts a ON a.tenant_id = $1 AND a.id = u.account_id`,
        [tx.tenantId, hash, now],
      );
      if (!used) throw INVALID_TOKEN();
      // Every other open link of the account stops working too.
      await tx.query(
        `UPDATE password_reset_tokens SET used_at = $3 WHERE tenant_id = $1 AND account_id = $2 AND used_at IS NULL`,
        [tx.tenantId, used.account_id, now],
      );
      await this.accounts.setProvenPassword(
        tx,
        { id: used.account_id, email: target.email },
        passwordHash,
      );
      await this.audit.record(
        { action: 'account.password-reset', subjectType: 'account', subjectId: used.account_id },
        tx,
      );
      const kind = personKindOf(used.roles);
      if (kind) await this.activity.touch(used.account_id, kind, 'link-click', tx);
    });
    return { status: 'password-changed' };
  }

  private expiry(): Date {
    return new Date(this.clock.now().getTime() + this.config.PASSWORD_RESET_TTL_MINUTES * 60_000);
  }

  private linkFor(token: string): string {
    const url = new URL('/reset-password', this.config.PUBLIC_BASE_URL);
    url.searchParams.set('tenant', RequestContext.tenant().key);
    url.searchParams.set('token', token);
    return url.toString();
  }

  private async mailLink(tx: TenantTx, account: Recipient, token: string): Promise<void> {
    const url = this.linkFor(token);
    await this.mail.enqueue(tx, {
      template: 'password-reset',
      to: {
        address: account.email,
        personId: account.id,
        personKind: personKindOf(account.roles),
        locale: account.locale,
      },
      variables: { name: account.display_name, resetUrl: url },
      idempotencyKey: `password-reset:${sha256(token)}`,
    });
  }
}
