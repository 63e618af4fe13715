import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import type { TenantTx } from '../../database/src/index.js';
import { personKindOf } from '../../auth/src/index.js';
import { MailService } from '../../mail/src/mail.service.js';
import type { Role } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';

/**
 * Tells the holder of an account that its sign-in is being slowed down by failed attempts: once
 * per episode (when the first delay starts), not per attempt, in the same unit of work. An address
 * without an account gets nothing (there is no one to tell, and no mail to a stranger's address),
 * nor does the operators' tenant, which sends no mail.
 */
@Injectable()
export class SignInAttemptsNotifier {
  constructor(
    private readonly mail: MailService,
    private readonly registry: TenantRegistry,
    private readonly config: AppConfig,
  ) {}

  async delayStarted(tx: TenantTx, address: string): Promise<void> {
    // The operators' tenant runs on no definition and sends no mail.
    if (!this.registry.has(RequestContext.tenant().plugin)) return;
    const [account] = await tx.query<{
      id: string;
      display_name: string;
      locale: string;
      roles: Role[];
    }>(
      `SELECT id, display_name, locale, roles FROM accounts WHERE tenant_id = $1 AND email = $2 AND status <> 'disabled'`,
      [tx.tenantId, address],
    );
    if (!account) return;
    const url = new URL('/reset-password', this.config.PUBLIC_BASE_URL);
    url.searchParams.set('tenant', RequestContext.tenant().key);
    await this.mail.enqueue(tx, {
      template: 'sign-in-attempts',
      to: {
        address,
        personId: account.id,
        personKind: personKindOf(account.roles),
        locale: account.locale,
      },
      variables: { name: account.display_name, resetUrl: url.toString() },
    });
  }
}
