import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig } from '../../config/src/app-config.js';
import { Clock } from '../../config/src/clock.js';
import type { TenantRef } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { TenantsService } from '../../tenancy/src/tenants.service.js';
import { isUnsubscribable } from './mail-layout.js';
import { MailBouncesService } from './mail-bounces.service.js';
import { MailLinksService } from './mail-links.service.js';
import { MailRecordsService } from './mail-records.service.js';
import { MailTemplatesService } from './mail-templates.service.js';
import { MailOutboxStore, type ClaimedMail, type DeliveryOutcome } from './mail-outbox.store.js';
import { MailSessionPool } from './mail-session-pool.js';
import { DeliveryError, MAIL_TRANSPORT, type MailSession, type MailTransport, type OutgoingMessage } from './mail-transport.js';

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  unconfirmed: number;
  /** Claimed by a worker that stopped before handing them over: queued again. */
  requeued: number;
}

export type { ClaimedMail } from './mail-outbox.store.js';

const MAX_BACKOFF_SECONDS = 6 * 3600;
const PURGE_EVERY_MS = 3600_000;

/** A mail the server refused as nonexistent: the tenant is told once its failure is recorded. */
interface HardBounce {
  mail: ClaimedMail;
  failure: DeliveryError;
}

/** Outcomes known in memory, written with the next round's hand-off (one transaction for both). */
interface Unrecorded {
  outcomes: DeliveryOutcome[];
  bounces: HardBounce[];
}

/**
 * Delivers the outbox, at most once per message. A worker commits its claim on a batch ('sending',
 * with a lease), then works through it a round at a time, one mail per SMTP connection: each round
 * is first marked as handed over (`handed_off_at`, committed together with the previous round's
 * outcomes), and only then sent. A worker killed mid-batch therefore leaves two kinds of mail
 * behind: the ones of the round it was sending (or whose outcome it had not written yet), which
 * become 'unconfirmed' when the lease runs out and are never sent again, because SMTP servers
 * cannot recognise a duplicate; and the rest of its claim, which was never handed over and is
 * queued again. Failures where the server answered (4xx) or never took the message are certain,
 * and are retried with back-off.
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
    const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, suppressed: 0, unconfirmed: 0, requeued: 0 };
    const purge = !only && this.clock.now().getTime() - this.lastPurge >= PURGE_EVERY_MS;
    if (purge) this.lastPurge = this.clock.now().getTime();
    for (const tenant of only ? [only] : await this.activeTenants()) {
      if (report.claimed >= limit || this.stopping) break;
      const claimed = await this.db.forTenant(tenant, async (tx) => {
        const now = this.clock.now();
        if (purge) await this.records.purgeFinished(tx);
        const expired = await MailOutboxStore.expireLeases(tx, now);
        if (expired.unconfirmed) this.logger.warn({ count: expired.unconfirmed }, 'mails left unconfirmed by a worker that stopped mid-send');
        report.unconfirmed += expired.unconfirmed;
        report.requeued += expired.requeued;
        report.suppressed += await MailOutboxStore.suppressDue(tx, now);
        return this.claim(tx, limit - report.claimed);
      });
      report.claimed += claimed.length;
      if (claimed.length) await this.deliverBatch(tenant, claimed, report);
    }
    return report;
  }

  /** Commits this worker's claim on exactly up to `limit` due mails; the lease keeps other workers off them. */
  claim(tx: TenantTx, limit: number): Promise<ClaimedMail[]> {
    const now = this.clock.now();
    return MailOutboxStore.claim(tx, { now, owner: this.workerId, leaseUntil: this.leaseFrom(now), limit });
  }

  /** Marks claimed mails as handed to SMTP; returns the ones this worker still holds and may now send. */
  handOff(tx: TenantTx, ids: readonly string[]): Promise<Set<string>> {
    const now = this.clock.now();
    return MailOutboxStore.handOff(tx, ids, { now, owner: this.workerId, leaseUntil: this.leaseFrom(now) });
  }

  /**
   * Sends claimed mails in rounds of one mail per open session. Each round costs one transaction:
   * the previous round's outcomes and this round's hand-off mark, committed before the first byte
   * of this round goes to the server.
   */
  async deliverBatch(tenant: TenantRef, claimed: readonly ClaimedMail[], report: DeliveryReport): Promise<void> {
    const pool = new MailSessionPool(this.transport, Math.max(1, this.transport.concurrency));
    let pending: Unrecorded = { outcomes: [], bounces: [] };
    // Mails with an outcome or a committed hand-off; whatever else is left at the end goes back to the queue.
    const settled = new Set<string>();
    const settle = (outcome: DeliveryOutcome) => {
      pending.outcomes.push(outcome);
      settled.add(outcome.id);
    };
    const open = () => claimed.filter((m) => !settled.has(m.id));
    try {
      for (let waiting = open(); waiting.length && !this.stopping; waiting = open()) {
        let sessions: readonly MailSession[];
        try {
          sessions = await pool.ready(waiting.length);
        } catch (err) {
          // Not one connection: nothing was handed over, so the rest of the batch waits for its back-off.
          for (const mail of waiting) settle(this.retryOrFail(mail, err, report));
          break;
        }
        const round: { mail: ClaimedMail; message: OutgoingMessage }[] = [];
        for (const mail of waiting) {
          if (round.length === sessions.length) break;
          try {
            round.push({ mail, message: this.compose(tenant, mail) });
          } catch (err) {
            this.logger.error({ tenant: tenant.key, messageId: mail.id, err: (err as Error).message }, 'mail cannot be rendered');
            settle({ id: mail.id, kind: 'failed', code: `render ${(err as Error).name}` });
            report.failed++;
          }
        }
        const mine = await this.db.forTenant(tenant, async (tx) => {
          await MailOutboxStore.record(tx, pending.outcomes, { now: this.clock.now(), owner: this.workerId });
          return this.handOff(tx, round.map((r) => r.mail.id));
        });
        const recorded = pending;
        pending = { outcomes: [], bounces: [] };
        // A mail missing from `mine` outlived its lease and was queued again: no longer this worker's to send.
        for (const r of round) settled.add(r.mail.id);
        await this.hardBounces(tenant, recorded.bounces);
        const sending = round.filter((r) => mine.has(r.mail.id));
        const results = await Promise.all(sending.map((r, i) => this.sendOne(pool, sessions[i], r.mail, r.message, report)));
        for (const r of results) {
          pending.outcomes.push(r.outcome);
          if (r.bounce) pending.bounces.push(r.bounce);
        }
      }
    } finally {
      // Claimed but never handed over (the worker is stopping, or the database failed): queued again at
      // once rather than after the lease. If even this write fails, the lease expiry does the same.
      for (const mail of open()) settle({ id: mail.id, kind: 'release' });
      try {
        await this.db.forTenant(tenant, (tx) =>
          MailOutboxStore.record(tx, pending.outcomes, { now: this.clock.now(), owner: this.workerId }),
        );
        await this.hardBounces(tenant, pending.bounces);
      } finally {
        await pool.close();
      }
    }
  }

  private async sendOne(
    pool: MailSessionPool,
    session: MailSession,
    mail: ClaimedMail,
    message: OutgoingMessage,
    report: DeliveryReport,
  ): Promise<{ outcome: DeliveryOutcome; bounce?: HardBounce }> {
    try {
      const sent = await session.send(message);
      report.sent++;
      return { outcome: { id: mail.id, kind: 'sent', providerMessageId: sent.providerMessageId } };
    } catch (err) {
      await pool.discard(session);
      const failure =
        err instanceof DeliveryError ? err : new DeliveryError('unknown', `ERROR ${(err as Error)?.name ?? ''}`.trim(), null, null, false);
      if (failure.kind === 'unknown') {
        report.unconfirmed++;
        return { outcome: { id: mail.id, kind: 'unconfirmed', code: failure.code } };
      }
      if (failure.kind === 'temporary') return { outcome: this.retryOrFail(mail, failure, report) };
      report.failed++;
      return { outcome: { id: mail.id, kind: 'failed', code: failure.code }, bounce: failure.isHardBounce ? { mail, failure } : undefined };
    }
  }

  /** A failure that is certain (nothing was taken): again after the back-off, or failed after the last attempt. */
  private retryOrFail(mail: ClaimedMail, err: unknown, report: DeliveryReport): DeliveryOutcome {
    const code = err instanceof DeliveryError ? err.code : `ERROR ${(err as Error)?.name ?? ''}`.trim();
    if (mail.attempts >= this.config.MAIL_MAX_ATTEMPTS) {
      report.failed++;
      return { id: mail.id, kind: 'failed', code };
    }
    report.retried++;
    const delay = Math.min(this.config.MAIL_RETRY_BASE_SECONDS * 2 ** (mail.attempts - 1), MAX_BACKOFF_SECONDS);
    return { id: mail.id, kind: 'retry', code, at: new Date(this.clock.now().getTime() + delay * 1000) };
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

  /** A tenant handler that fails must not stop the batch; the mail stays failed with its code for staff. */
  private async hardBounces(tenant: TenantRef, bounces: readonly HardBounce[]): Promise<void> {
    for (const { mail, failure } of bounces) {
      try {
        await this.db.forTenant(tenant, (tx) =>
          this.bounces.hardBounce(tx, { address: mail.recipient_address, messageId: mail.id, status: failure.enhancedStatus }),
        );
      } catch (err) {
        this.logger.error({ tenant: tenant.key, messageId: mail.id, err: (err as Error).message }, 'hard bounce could not be processed');
      }
    }
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.MAIL_SEND_LEASE_SECONDS * 1000);
  }

  private async activeTenants(): Promise<TenantRef[]> {
    const all = await this.tenants.list();
    return all
      .filter((t) => t.status === 'active' && this.registry.has(t.plugin))
      .map((t) => ({ id: t.id, key: t.key, plugin: t.plugin }));
  }
}
