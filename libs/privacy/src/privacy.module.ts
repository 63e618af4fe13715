import { Global, Module, type OnModuleInit } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { ActivityService } from './activity.service.js';
import { ErasureJournal } from './erasure-journal.js';
import { ErasureService } from './erasure.service.js';
import { PersonDataRegistry } from './person-data.registry.js';
import { TenantEventsService } from './tenant-events.service.js';

async function eraseAccounts(tx: TenantTx, personIds: readonly string[]): Promise<void> {
  await tx.query(`DELETE FROM person_activity WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
  // A setting an erased administrator changed keeps its value, not who changed it.
  await tx.query(`UPDATE tenant_settings SET updated_by = NULL WHERE tenant_id = $1 AND updated_by = ANY($2::uuid[])`, [
    tx.tenantId,
    personIds,
  ]);
  await tx.query(`DELETE FROM accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
}

/**
 * The account row stays (statistics count it, other rows refer to it) without anything that
 * identifies or lets anyone sign in as the person; the last-activity dates are not personal data.
 */
async function anonymiseAccounts(tx: TenantTx, personIds: readonly string[]): Promise<void> {
  await tx.query(`DELETE FROM sessions WHERE tenant_id = $1 AND account_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
  await tx.query(`DELETE FROM account_org_units WHERE tenant_id = $1 AND account_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
  await tx.query(
    `UPDATE accounts SET email = 'anonymised-' || id || '@invalid', display_name = 'Anonymous', password_hash = NULL,
            status = 'disabled', email_verified_at = NULL, last_login_at = NULL
      WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tx.tenantId, personIds],
  );
}

/** Person-level privacy plumbing; the account's own part is registered here and erased last. */
@Global()
@Module({
  providers: [PersonDataRegistry, ErasureService, ErasureJournal, ActivityService, TenantEventsService],
  exports: [PersonDataRegistry, ErasureService, ErasureJournal, ActivityService, TenantEventsService],
})
export class PrivacyModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'account',
      erase: (tx, personId) => eraseAccounts(tx, [personId]),
      eraseMany: eraseAccounts,
      anonymise: (tx, personId) => anonymiseAccounts(tx, [personId]),
      anonymiseMany: anonymiseAccounts,
      contacts: async (tx, personIds) => {
        const rows = await tx.query<{ id: string; email: string; display_name: string; locale: string }>(
          `SELECT id, email, display_name, locale FROM accounts
            WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status <> 'disabled'`,
          [tx.tenantId, personIds],
        );
        return new Map(rows.map((r) => [r.id, { address: r.email, name: r.display_name, locale: r.locale }]));
      },
      export: async (tx, personId) => {
        const [account] = await tx.query(
          `SELECT email, display_name AS "displayName", roles, locale, created_at AS "createdAt", last_login_at AS "lastLoginAt"
             FROM accounts WHERE tenant_id = $1 AND id = $2`,
          [tx.tenantId, personId],
        );
        const [activity] = await tx.query(
          `SELECT last_interaction_at AS "lastInteractionAt", last_sign_in_at AS "lastSignInAt"
             FROM person_activity WHERE tenant_id = $1 AND person_id = $2`,
          [tx.tenantId, personId],
        );
        return { account: account ?? null, activity: activity ?? null };
      },
    });
  }
}
