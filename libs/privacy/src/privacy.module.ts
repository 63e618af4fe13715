import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { ActivityService } from './activity.service.js';
import { ErasureService } from './erasure.service.js';
import { PersonDataRegistry } from './person-data.registry.js';
import { TenantEventsService } from './tenant-events.service.js';

/** Person-level privacy plumbing; the account's own part is registered here and erased last. */
@Global()
@Module({
  providers: [PersonDataRegistry, ErasureService, ActivityService, TenantEventsService],
  exports: [PersonDataRegistry, ErasureService, ActivityService, TenantEventsService],
})
export class PrivacyModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'account',
      erase: async (tx, personId) => {
        await tx.query(`DELETE FROM person_activity WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, personId]);
        await tx.query(`DELETE FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, personId]);
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
