import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig } from '../../config/src/app-config.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import type { MailCategory, PersonKind } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { TenantsService } from '../../tenancy/src/tenants.service.js';
import { isUnsubscribable } from './mail-layout.js';
import { MailBouncesService } from './mail-bounces.service.js';
import { MailLinksService } from './mail-links.service.js';
import { MailRecordsService } from './mail-records.service.js';
import { MailTemplatesService } from './mail-templates.service.js';
import { returning } from './returning.js';
import { DeliveryError, MAIL_TRANSPORT, type MailSession, type MailTransport, type OutgoingMessage } from './mail-transport.js';

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  unconfirmed: number;
}

/** A claimed outbox row: this worker holds its lease. */
export interface ClaimedMail {
  id: string;
  template: string;
  category: MailCategory;
  locale: string;
  brand: string | null;
  recipient_address: string;
  address_hash: string;
  person_id: string | null;
  person_kind: PersonKind | null;
  variables: Record<string, unknown>;
  attempts: number;
  message_id_header: string;
}

const MAX_BACKOFF_SECONDS = 6 * 3600;
const PURGE_EVERY_MS = 3600_000;

/**
 * Delivers the outbox. At most once per message: a worker first commits the claim ('sending', with
 * its lease), only then talks to SMTP, and records the outcome afterwards. A worker killed between
 * the two leaves 'sending' behind; when the lease runs out the mail becomes 'unconfirmed' and is
 * never sent again, because SMTP servers cannot recognise a duplicate and a second copy of a
 * mail is worse than a missing one (the person can always ask again). Failures where the server
 * answered (4xx) or never took the message are certain, and are retried with back-off.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationShutdown {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('mail-delivery');
  private stopping = false;
  private lastPurge = 0;

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly templates: MailTemplatesService,
    private readonly links: MailLinksService,
    private readonly bounces: MailBouncesService,
    private readonly records: MailRecordsService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Sends up to `limit` due mails: every active tenant's, or only `only`'s. The worker's poller
   * calls this; tests call it directly instead of waiting for the poller.
   */
  async deliverDue(limit = 100, only?: TenantRef): Promise<DeliveryReport> {
    const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, suppressed: 0, unconfirmed: 0 };
    const purge = !only && this.clock.now().getTime() - this.lastPurge >= PURGE_EVERY_MS;
    if (purge) this.lastPurge = this.clock.now().getTime();
    for (const tenant of only ? [only] : await this.activeTenants()) {
      if (report.claimed >= limit || this.stopping) break;
      const claimed = await this.db.forTenant(tenant, async (tx) => {
        if (purge) await this.records.purgeFinished(tx);
        report.unconfirmed += await this.expireLeases(tx);
        report.suppressed += await this.suppressDue(tx);
        return this.claim(tx, limit - report.claimed);
      });
      report.claimed += claimed.length;
      if (claimed.length) await this.deliverBatch(tenant, claimed, report);
    }
    return report;
  }

  /** Commits this worker's claim on due mails; the lease is the promise that nobody else sends them. */
  async claim(tx: TenantTx, limit: number): Promise<ClaimedMail[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.MAIL_SEND_LEASE_SECONDS * 1000);
    const result = await tx.query(
      `UPDATE mail_messages m
          SET status = 'sending', attempts = m.attempts + 1, lease_owner = $3, lease_until = $4, updated_at = $2
        WHERE m.tenant_id = $1 AND m.status = 'queued'
          AND m.id IN (SELECT id FROM mail_messages
                        WHERE tenant_id = $1 AND status = 'queued' AND next_attempt_at <= $2
                        ORDER BY next_attempt_at LIMIT $5
                        FOR UPDATE SKIP LOCKED)
        RETURNING id, template, category, locale, brand, recipient_address, address_hash, person_id, person_kind,
                  variables, attempts, message_id_header`,
      [tx.tenantId, now, this.workerId, leaseUntil, limit],
    );
    return returning<ClaimedMail>(result);
  }

  /** Sends claimed mails over one session; a broken session is replaced for the rest of the batch. */
  async deliverBatch(tenant: TenantRef, claimed: readonly ClaimedMail[], report: DeliveryReport): Promise<void> {
    let session: MailSession | null = null;
    try {
      for (const mail of claimed) {
        if (!session) {
          try {
            session = await this.transport.open();
          } catch (err) {
            await this.recordFailure(tenant, mail, err, report);
            continue;
          }
        }
        const ok = await this.deliverOne(tenant, mail, session, report);
        if (!ok) {
          await session.close().catch(() => undefined);
          session = null;
        }
      }
    } finally {
      await session?.close().catch(() => undefined);
    }
  }

  /** Renders and sends one claimed mail and records the outcome; false when the session is spent. */
  async deliverOne(tenant: TenantRef, mail: ClaimedMail, session: MailSession, report: DeliveryReport): Promise<boolean> {
    let message: OutgoingMessage;
    try {
      message = this.compose(tenant, mail);
    } catch (err) {
      this.logger.error({ tenant: tenant.key, messageId: mail.id, err: (err as Error).message }, 'mail cannot be rendered');
      await this.finish(tenant, mail, 'failed', `render ${(err as Error).name}`);
      report.failed++;
      return true;
    }
    try {
      const outcome = await session.send(message);
      await this.finish(tenant, mail, 'sent', null, outcome.providerMessageId);
      report.sent++;
      return true;
    } catch (err) {
      await this.recordFailure(tenant, mail, err, report);
      return false;
    }
  }

  /** The wire form of a claimed mail: rendered now from the stored variables, never stored itself. */
  compose(tenant: TenantRef, mail: ClaimedMail): OutgoingMessage {
    const def = this.registry.for(tenant);
    const template = this.templates.resolve(def, mail.template, mail.locale, mail.brand);
    const links = isUnsubscribable(mail.category)
      ? this.links.links(tenant, { addressHash: mail.address_hash, category: mail.category, personId: mail.person_id })
      : null;
    const rendered = this.templates.render(template, mail.variables, links);
    const headers: Record<string, string> = { 'X-Mail-Category': mail.category };
    if (links) {
      headers['List-Unsubscribe'] = `<${links.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return {
      from: { name: template.branding.senderName, address: template.branding.senderAddress },
      to: mail.recipient_address,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: mail.message_id_header,
      date: this.clock.now(),
      headers,
    };
  }

  private async recordFailure(tenant: TenantRef, mail: ClaimedMail, err: unknown, report: DeliveryReport): Promise<void> {
    const failure =
      err instanceof DeliveryError ? err : new DeliveryError('unknown', `ERROR ${(err as Error)?.name ?? ''}`.trim(), null, null, false);
    if (failure.kind === 'unknown') {
      await this.finish(tenant, mail, 'unconfirmed', failure.code);
      report.unconfirmed++;
    } else if (failure.kind === 'temporary' && mail.attempts < this.config.MAIL_MAX_ATTEMPTS) {
      await this.retryLater(tenant, mail, failure.code);
      report.retried++;
    } else {
      await this.finish(tenant, mail, 'failed', failure.code);
      report.failed++;
      if (failure.isHardBounce) await this.hardBounce(tenant, mail, failure);
    }
  }

  /** A tenant handler that fails must not stop the batch; the mail stays failed with its code for staff. */
  private async hardBounce(tenant: TenantRef, mail: ClaimedMail, failure: DeliveryError): Promise<void> {
    try {
      await this.db.forTenant(tenant, (tx) =>
        this.bounces.hardBounce(tx, { address: mail.recipient_address, messageId: mail.id, status: failure.enhancedStatus }),
      );
    } catch (err) {
      this.logger.error({ tenant: tenant.key, messageId: mail.id, err: (err as Error).message }, 'hard bounce could not be processed');
    }
  }

  private retryLater(tenant: TenantRef, mail: ClaimedMail, code: string): Promise<void> {
    const delay = Math.min(this.config.MAIL_RETRY_BASE_SECONDS * 2 ** (mail.attempts - 1), MAX_BACKOFF_SECONDS);
    const now = this.clock.now();
    return this.db.forTenant(tenant, async (tx) => {
      await tx.query(
        `UPDATE mail_messages SET status = 'queued', next_attempt_at = $4, lease_owner = NULL, lease_until = NULL,
                last_error = $5, updated_at = $3
          WHERE tenant_id = $1 AND id = $2 AND lease_owner = $6 AND status = 'sending'`,
        [tx.tenantId, mail.id, now, new Date(now.getTime() + delay * 1000), code, this.workerId],
      );
    });
  }

  /**
   * A final state. The variables the body was rendered from go: the record keeps who, what, when and
   * how it ended. A late success still counts if the lease ran out meanwhile (it was 'unconfirmed').
   */
  private finish(
    tenant: TenantRef,
    mail: ClaimedMail,
    status: 'sent' | 'failed' | 'unconfirmed',
    code: string | null,
    providerMessageId: string | null = null,
  ): Promise<void> {
    const now = this.clock.now();
    return RequestContext.run({ tenant, actor: SYSTEM }, () =>
      this.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE mail_messages SET status = $3, last_error = $4, provider_message_id = COALESCE($5, provider_message_id),
                  sent_at = CASE WHEN $3 = 'sent' THEN $6::timestamptz ELSE sent_at END,
                  finished_at = $6, updated_at = $6, variables = NULL, lease_until = NULL
            WHERE tenant_id = $1 AND id = $2 AND lease_owner = $7 AND status IN ('sending', 'unconfirmed')`,
          [tx.tenantId, mail.id, status, code, providerMessageId, now, this.workerId],
        );
      }),
    );
  }

  /** Mails whose sender vanished mid-send: their fate is unknown, so they are closed, not resent. */
  private async expireLeases(tx: TenantTx): Promise<number> {
    const now = this.clock.now();
    const rows = returning(await tx.query(
      `UPDATE mail_messages SET status = 'unconfirmed', finished_at = $2, updated_at = $2, variables = NULL, lease_until = NULL,
              last_error = 'lease expired during send: outcome unknown, not resent'
        WHERE tenant_id = $1 AND status = 'sending' AND lease_until < $2
        RETURNING id`,
      [tx.tenantId, now],
    ));
    if (rows.length) this.logger.warn({ count: rows.length }, 'mails left unconfirmed by a worker that stopped mid-send');
    return rows.length;
  }

  /** An unsubscribe or bounce since the mail was queued is honoured by the very next send. */
  private async suppressDue(tx: TenantTx): Promise<number> {
    const now = this.clock.now();
    const rows = returning(await tx.query(
      `UPDATE mail_messages m SET status = 'suppressed', finished_at = $2, updated_at = $2, variables = NULL
        WHERE m.tenant_id = $1 AND m.status = 'queued' AND m.next_attempt_at <= $2
          AND EXISTS (SELECT 1 FROM mail_suppressions s
                       WHERE s.tenant_id = $1 AND s.address_hash = m.address_hash
                         AND (s.category = '*' OR s.category = m.category))
        RETURNING m.id`,
      [tx.tenantId, now],
    ));
    return rows.length;
  }

  private async activeTenants(): Promise<TenantRef[]> {
    const all = await this.tenants.list();
    return all
      .filter((t) => t.status === 'active' && this.registry.has(t.plugin))
      .map((t) => ({ id: t.id, key: t.key, plugin: t.plugin }));
  }
}
