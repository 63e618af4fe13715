import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { MailService } from '../../mail/src/index.js';
import type { ConnectionRow } from './connection.types.js';
import { profileAliasSql } from '../../profiles/src/index.js';

interface Recipient {
  email: string;
  name: string;
  locale: string;
}

/**
 * Mails about a connection, queued in the same transaction as the change: the person is told an
 * organisation asks (its name only, not the recruiter's), the recruiter that the person accepted
 * (by the alias they asked about: the identity is on the profile, behind its own access rules).
 */
@Injectable()
export class ConnectionNotifier {
  private readonly baseUrl: string;

  constructor(
    private readonly mail: MailService,
    config: AppConfig,
  ) {
    this.baseUrl = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  async requested(tx: TenantTx, c: ConnectionRow, organisation: string): Promise<void> {
    const to = await this.recipient(tx, c.personId);
    if (!to) return;
    await this.mail.enqueue(tx, {
      template: 'connection-request',
      to: { address: to.email, personId: c.personId, personKind: 'jobseeker', locale: to.locale },
      variables: { name: to.name, requesterName: organisation, respondUrl: this.url(c) },
      idempotencyKey: `connection-request:${c.id}`,
    });
  }

  async accepted(tx: TenantTx, c: ConnectionRow): Promise<void> {
    if (!c.requestedBy) return;
    const to = await this.recipient(tx, c.requestedBy);
    const [profile] = await tx.query<{ alias: string | null }>(`SELECT ${profileAliasSql('$1', '$2')} AS alias`, [
      tx.tenantId,
      c.personId,
    ]);
    if (!to || !profile?.alias) return;
    await this.mail.enqueue(tx, {
      template: 'connection-accepted',
      to: { address: to.email, personId: c.requestedBy, personKind: 'employer-contact', locale: to.locale },
      // The alias the recruiter asked about: the current one could belong to a listing the person
      // stepped into since (anonymous), which the recruiter must not tie to the one they saw.
      variables: { name: to.name, alias: c.profileAlias ?? profile.alias, connectionUrl: this.url(c) },
      idempotencyKey: `connection-accepted:${c.id}`,
      // About the jobseeker: it goes with their erasure.
      about: c.personId,
    });
  }

  private url(c: ConnectionRow): string {
    return `${this.baseUrl}/connections/${c.id}`;
  }

  private async recipient(tx: TenantTx, accountId: string): Promise<Recipient | null> {
    const [row] = await tx.query<Recipient>(
      `SELECT email, display_name AS name, locale FROM accounts WHERE tenant_id = $1 AND id = $2 AND status = 'active'`,
      [tx.tenantId, accountId],
    );
    return row ?? null;
  }
}
