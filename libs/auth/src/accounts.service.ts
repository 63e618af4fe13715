import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import type { Role } from '../../plugin-api/src/roles.js';
import { AccountEntity } from './account.entity.js';
import { PasswordService } from './password.service.js';
import { ValidationProblem } from '../../http/src/validation-problem.js';

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

const MAX_FAILED = 5;
const LOCK_MS = 15 * 60_000;

/** Accounts of the tenant in context. Every query goes through the tenant unit of work. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: TenantDb,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
  ) {}

  async create(input: NewAccount): Promise<AccountEntity> {
    const email = input.email.trim().toLowerCase();
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

  findById(id: string): Promise<AccountEntity | null> {
    return this.db.transaction((tx) => tx.repo(AccountEntity).findOne({ id }));
  }

  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.db.transaction((tx) => tx.repo(AccountEntity).findOne({ email: email.trim().toLowerCase() }));
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
   * Checks a password. Unknown accounts cost the same hash as known ones; five failures in a row
   * lock the account for fifteen minutes (ASVS 6.3.1). Returns the account or null.
   */
  async authenticate(email: string, password: string): Promise<AccountEntity | null> {
    const normalised = email.trim().toLowerCase();
    const found = await this.db.transaction((tx) =>
      tx.query<{ id: string; password_hash: string | null; status: string; locked_until: Date | null }>(
        `SELECT id, password_hash, status, locked_until FROM accounts WHERE tenant_id = $1 AND email = $2`,
        [tx.tenantId, normalised],
      ),
    );
    const account = found[0];
    const ok = await this.passwords.verify(account?.password_hash ?? null, password);
    if (!account) return null;
    const now = this.clock.now();
    const locked = account.locked_until && account.locked_until > now;
    return this.db.transaction(async (tx) => {
      if (!ok || locked || account.status !== 'active' || !account.password_hash) {
        if (!ok)
          await tx.query(
            `UPDATE accounts SET failed_logins = failed_logins + 1,
                    locked_until = CASE WHEN failed_logins + 1 >= $3 THEN $4::timestamptz ELSE locked_until END
              WHERE tenant_id = $1 AND id = $2`,
            [tx.tenantId, account.id, MAX_FAILED, new Date(now.getTime() + LOCK_MS)],
          );
        return null;
      }
      await tx.query(
        `UPDATE accounts SET failed_logins = 0, locked_until = NULL, last_login_at = $3 WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, account.id, now],
      );
      return tx.repo(AccountEntity).findOne({ id: account.id });
    });
  }

  async setPassword(accountId: string, password: string): Promise<void> {
    const account = await this.findById(accountId);
    if (!account) throw new BadRequestException('Unknown account');
    const problem = this.passwords.problem(password, [account.email.split('@')[0], account.displayName]);
    if (problem) throw new ValidationProblem([{ field: 'password', reason: problem }]);
    const hash = await this.passwords.hash(password);
    await this.db.transaction((tx) =>
      tx.query(`UPDATE accounts SET password_hash = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, accountId, hash]),
    );
  }
}
