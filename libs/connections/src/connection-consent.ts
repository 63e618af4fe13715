import { Injectable } from '@nestjs/common';
import type { Actor } from '../../context/src/index.js';
import type { TenantTx } from '../../database/src/index.js';
import { ConsentService } from '../../consent/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import type { ConnectionRow } from './connection.types.js';

/**
 * Accepting a request is explicit consent to share the full profile with that one organisation
 * ("we will ask for explicit permission each time"); ending the connection withdraws it. Both go
 * into the consent ledger, scoped to the connection, with the text the person was shown.
 */
@Injectable()
export class ConnectionConsent {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly consents: ConsentService,
  ) {}

  granted(tx: TenantTx, actor: Actor, c: ConnectionRow): Promise<void> {
    return this.record(tx, actor, c, true);
  }

  withdrawn(tx: TenantTx, actor: Actor, c: ConnectionRow): Promise<void> {
    return this.record(tx, actor, c, false);
  }

  private async record(tx: TenantTx, actor: Actor, c: ConnectionRow, granted: boolean): Promise<void> {
    const def = this.registry.current();
    const purpose = def.consents.find((p) => p.key === def.visibility.connections?.consent);
    if (!purpose) return;
    const [person] = await tx.query<{ locale: string }>(`SELECT locale FROM accounts WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      c.personId,
    ]);
    const texts = typeof purpose.text === 'string' ? { [def.defaultLocale]: purpose.text } : purpose.text;
    const shown = texts[person?.locale ?? def.defaultLocale] ?? texts[def.defaultLocale] ?? Object.values(texts)[0];
    await this.consents.record(tx, actor, c.personId, purpose, granted, shown, purpose.version, {
      channel: 'connection',
      scopeId: c.id,
      selfKind: 'jobseeker',
    });
  }
}
