import { ConflictException, Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Role } from '../../plugin-api/src/index.js';
import { AccountEntity } from './account.entity.js';
import { PasswordService } from './password.service.js';
import { normaliseEmail, SignInThrottle } from './sign-in-throttle.service.js';
import { TokensService } from './tokens.service.js';
import { ValidationProblem } from '../../http/src/index.js';

export interface NewAccount {
  email: string;
  password?: string;
  displayName: string;
  roles: Role[];
  locale?: string;
  orgUnitIds?: string[];
  status?: 'pending' | 'active';
  emailVerified?: boolean;
}

export type SignInResult =
  | { readonly kind: 'signed-in'; readonly account: AccountEntity }
  | { readonly kind: 'refused' }
  | { readonly kind: 'delayed'; readonly retryAfterSeconds: number };

/** Accounts of the tenant in context. Every query goes through the tenant unit of work. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: TenantDb,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
    private readonly throttle: SignInThrottle,
    private readonly tokens: TokensService,
  ) {}

  async create(input: NewAccount): Promise<AccountEntity> {
    const email = normaliseEmail(input.email);
    if (input.password !== undefined) {
      const problem = this.passwords.problem(input.password, [email.split('@')[0], input.displayName]);
      if (problem) throw new ValidationProblem([{ field: 'password', reason: problem }]);
    }
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    return this.db.transaction(async (tx) => {
      const repo = tx.repo(AccountEntity);
      if (await repo.findOne({ email })) throw new ConflictException('An account with this e-mail address exists');
      for (const [i, id] of (input.orgUnitIds ?? []).entries()) {
        const [unit] = await tx.query(`SELECT 1 FROM org_units WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]);
        if (!unit) throw new ValidationProblem([{ field: `orgUnitIds[${i}]`, reason: 'is not an organisation unit of this tenant' }]);
      }
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO accounts (tenant_id, email, password_hash, display_name, roles, status, locale, email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          tx.tenantId,
          email,
          passwordHash,
          input.displayName,
          input.roles,
          input.status ?? 'active',
          input.locale ?? 'nl',
          input.emailVerified ? this.clock.now() : null,
        ],
      );
      for (const unitId of input.orgUnitIds ?? [])
        await tx.query(`INSERT INTO account_org_units (tenant_id, account_id, org_unit_id) VALUES ($1, $2, $3)`, [
          tx.tenantId,
          row.id,
          unitId,
        ]);
      return (await repo.findOne({ id: row.id }))!;
    });
  }

  /**
   * A self-registered account: no password and an unverified address, so nobody can sign in as
   * it until whoever holds the mailbox follows the verification link and chooses the password.
   */
  async insertUnverified(
    tx: TenantTx,
    input: { email: string; displayName: string; roles: Role[]; locale: string },
  ): Promise<string | null> {
    // Null: a registration of the same address committed in between; it sends its own mail.
    return (await this.insertUnverifiedMany(tx, [input]))[0];
  }

  /**
   * Many unverified accounts in one statement, each id in the caller's order; null where the
   * address was taken meanwhile (ON CONFLICT: a concurrent registration or import wins).
   */
  async insertUnverifiedMany(
    tx: TenantTx,
    inputs: readonly { email: string; displayName: string; roles: Role[]; locale: string }[],
  ): Promise<(string | null)[]> {
    if (!inputs.length) return [];
    const rows = inputs.map((i, n) => ({ n, email: normaliseEmail(i.email), display_name: i.displayName, roles: i.roles, locale: i.locale }));
    const inserted = await tx.query<{ id: string; email: string }>(
      `INSERT INTO accounts (tenant_id, email, password_hash, display_name, roles, status, locale, email_verified_at)
       SELECT $1, x.email, NULL, x.display_name, ARRAY(SELECT jsonb_array_elements_text(x.roles)), 'active', x.locale, NULL
         FROM jsonb_to_recordset($2::jsonb) AS x(n integer, email text, display_name text, roles jsonb, locale text)
        ORDER BY x.n
       ON CONFLICT (tenant_id, email) DO NOTHING RETURNING id, email`,
      [tx.tenantId, JSON.stringify(rows)],
    );
    const ids = new Map(inserted.map((r) => [r.email, r.id]));
    // An address twice in one batch: the first gets the account.
    const seen = new Set<string>();
    return rows.map((r) => {
      if (seen.has(r.email)) return null;
      seen.add(r.email);
      return ids.get(r.email) ?? null;
    });
  }

  findById(id: string): Promise<AccountEntity | null> {
    return this.db.transaction((tx) => tx.repo(AccountEntity).findOne({ id }));
  }

  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.db.transaction((tx) => tx.repo(AccountEntity).findOne({ email: normaliseEmail(email) }));
  }

  orgUnitIds(accountId: string): Promise<string[]> {
    return this.db.transaction(async (tx) =>
      (
        await tx.query<{ org_unit_id: string }>(
          `SELECT org_unit_id FROM account_org_units WHERE tenant_id = $1 AND account_id = $2`,
          [tx.tenantId, accountId],
        )
      ).map((r) => r.org_unit_id),
    );
  }

  /**
   * Checks a password. Unknown accounts cost the same hash as known ones, and an unverified or
   * disabled account is refused exactly like a wrong password. Refusals count towards the growing
   * delay of the address (SignInThrottle); during a delay nothing is checked.
   */
  async authenticate(email: string, password: string): Promise<SignInResult> {
    const address = normaliseEmail(email);
    const found = await this.db.transaction(async (tx) => {
      const wait = await this.throttle.waitSeconds(tx, address);
      if (wait) return { wait, account: undefined };
      const [account] = await tx.query<{ id: string; password_hash: string | null; status: string; verified: boolean }>(
        `SELECT id, password_hash, status, email_verified_at IS NOT NULL AS verified FROM accounts WHERE tenant_id = $1 AND email = $2`,
        [tx.tenantId, address],
      );
      return { wait: 0, account };
    });
    if (found.wait) return { kind: 'delayed', retryAfterSeconds: found.wait };
    const account = found.account;
    const ok = await this.passwords.verify(account?.password_hash ?? null, password);
    return this.db.transaction(async (tx) => {
      if (!ok || !account || account.status !== 'active' || !account.verified) {
        await this.throttle.failed(tx, address);
        return { kind: 'refused' as const };
      }
      await this.throttle.cleared(tx, address);
      await tx.query(`UPDATE accounts SET last_login_at = $3 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        account.id,
        this.clock.now(),
      ]);
      return { kind: 'signed-in' as const, account: (await tx.repo(AccountEntity).findOne({ id: account.id }))! };
    });
  }

  /** The hash of a new password for this account, or a 422 naming the password and the reason. */
  async hashNewPassword(account: { email: string; displayName: string }, password: string): Promise<string> {
    const problem = this.passwords.problem(password, [account.email.split('@')[0], account.displayName, ...account.displayName.split(/\s+/)]);
    if (problem) throw new ValidationProblem([{ field: 'password', reason: problem }]);
    return this.passwords.hash(password);
  }

  /**
   * Whoever holds the mailbox proved it (a mailed link) and chose this password: it becomes the
   * account's password, the address counts as verified, the sign-in delay of the address ends, and
   * every session of the account ends (whoever held one must sign in with the new password).
   */
  async setProvenPassword(tx: TenantTx, account: { id: string; email: string }, passwordHash: string): Promise<void> {
    await tx.query(
      `UPDATE accounts SET password_hash = $3, email_verified_at = COALESCE(email_verified_at, $4) WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, account.id, passwordHash, this.clock.now()],
    );
    await this.throttle.cleared(tx, account.email);
    await this.tokens.revokeAll(account.id);
  }
}
