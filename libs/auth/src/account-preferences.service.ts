import { Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';

/** What a person chooses about their own account that is not a security matter: the page language. */
@Injectable()
export class AccountPreferencesService {
  constructor(private readonly db: TenantDb) {}

  /** The language the person reads the site (and, where the tenant mails in it, their mail) in. */
  async setLocale(accountId: string, locale: string): Promise<void> {
    await this.db.transaction((tx) =>
      tx.query(`UPDATE accounts SET locale = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, accountId, locale]),
    );
  }
}
