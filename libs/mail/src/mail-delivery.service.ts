import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig, Clock } from '../../config/src/index.js';
import type { TenantRef } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { mailDeliveries } from '../../health/src/index.js';
import { TenantRegistry, TenantsService } from '../../tenancy/src/index.js';
import { isUnsubscribable } from './mail-layout.js';
import { MailBouncesService } from './mail-bounces.service.js';
import { MailLinksService } from './mail-links.service.js';
import { MailTracking } from './mail-tracking.js';
import { MailRecordsService } from './mail-records.service.js';
import { MailTemplatesService } from './mail-templates.service.js';
import { MailOutboxStore, type ClaimedMail, type DeliveryOutcome } from './mail-outbox.store.js';
import { HandOffLedger, type Settled } from './hand-off-ledger.js';
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
/**
 * How long an SMTP session is kept open between batches. Opening one per lane per batch (connect,
 * greeting, EHLO, and TLS in production) took a quarter of the delivery time in the delivery
 * benchmark; servers close idle clients after 30 s or more (RFC 5321 asks for 5 minutes).
 */
const SESSION_IDLE_MS = 3_000;
const PURGE_EVERY_MS = 3600_000;

/** A batch being worked through by its lanes. */
interface LaneRun {
  readonly tenant: TenantRef;
  readonly report: DeliveryReport;
  /** Claimed mails no lane has taken yet. */
  readonly queue: ClaimedMail[];
  /** Every mail claimed for this run, the first claim and each refill. */
  readonly claimed: ClaimedMail[];
  /** The tenant's next claim, or null once a claim came back short (or none may be made). */
  more: (() => Promise<ClaimedMail[]>) | null;
  /** Below this many untaken mails the next claim is started, so that it is back before the lanes run dry. */
  readonly lowWater: number;
  refill: Promise<void> | null;
  refillFailure: unknown;
  readonly settled: Set<string>;
  /** Outcomes of each lane's last mail, written at the end of the batch. */
  readonly leftover: Settled[];
  connectFailure: unknown;
  readonly ledger: HandOffLedger;
}

/**
 * Delivers the outbox, at most once per message. A worker commits its claim on a batch ('sending',
 * with a lease), then works through it a round at a time, one mail per SMTP connection: each round's
 * mails are marked as handed over (`handed_off_at`, committed together with the previous round's
 * outcomes) before their end of DATA, the point from which a server can take them. A worker killed
 * mid-batch therefore leaves two kinds of mail behind: those of the round in progress (at most one
 * per connection), which become 'unconfirmed' when the lease runs out and are never sent again,
 * because SMTP servers cannot recognise a duplicate; and the rest of its claim, which was never
 * handed over and is queued again. Failures that are certain (the server answered 4xx, or the line
 * broke before the end of DATA) are retried with back-off.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationShutdown {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('mail-delivery');
  private stopping = false;
  private lastPurge = 0;
  /** Open SMTP sessions no lane is using, kept for the next batch. */
  private readonly idle = new Set<{ session: MailSession; timer: NodeJS.Timeout }>();

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly templates: MailTemplatesService,
    private readonly links: MailLinksService,
    private readonly tracking: MailTracking,
    private readonly bounces: MailBouncesService,
    private readonly records: MailRecordsService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const kept = [...this.idle];
    this.idle.clear();
    for (const k of kept) clearTimeout(k.timer);
    await Promise.all(kept.map((k) => k.session.close().catch(() => undefined)));
  }

  /** A kept session when one is still open, else a new one. */
  private async openSession(): Promise<MailSession> {
    for (const kept of this.idle) {
      this.idle.delete(kept);
      clearTimeout(kept.timer);
      if (kept.session.usable) return kept.session;
      await kept.session.close().catch(() => undefined);
    }
    return this.transport.open();
  }

  /** After a lane: a healthy session is kept a moment for the next batch, any other is closed. */
  private async releaseSession(session: MailSession): Promise<void> {
    if (this.stopping || !session.usable) return session.close().catch(() => undefined);
    const kept = {
      session,
      timer: setTimeout(() => {
        this.idle.delete(kept);
        void session.close().catch(() => undefined);
      }, SESSION_IDLE_MS).unref(),
    };
    this.idle.add(kept);
  }

  /**
   * Sends up to `limit` due mails: every active tenant's, or only `only`'s, claimed `claimSize` at
   * a time. The worker's poller calls this; tests call it directly instead of waiting for the poller.
   */
  async deliverDue(limit = 100, only?: TenantRef, claimSize = limit): Promise<DeliveryReport> {
    const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, suppressed: 0, unconfirmed: 0, requeued: 0 };
    const purge = !only && this.clock.now().getTime() - this.lastPurge >= PURGE_EVERY_MS;
    if (purge) this.lastPurge = this.clock.now().getTime();
    try {
      await this.deliverTenants(report, limit, Math.max(1, Math.min(claimSize, limit)), purge, only);
    } finally {
      // Counted even when a batch failed part-way: what was tallied did happen.
      for (const outcome of ['sent', 'failed', 'suppressed', 'retried', 'unconfirmed', 'requeued'] as const)
        if (report[outcome]) mailDeliveries.inc({ outcome }, report[outcome]);
    }
    return report;
  }

  private async deliverTenants(report: DeliveryReport, limit: number, claimSize: number, purge: boolean, only?: TenantRef): Promise<void> {
    for (const tenant of only ? [only] : await this.activeTenants()) {
      if (report.claimed >= limit || this.stopping) break;
      let exhausted = false;
      const claimNext = async (first: boolean): Promise<ClaimedMail[]> => {
        const want = Math.min(claimSize, limit - report.claimed);
        if (exhausted || want <= 0 || (!first && this.stopping)) return [];
        const claimed = await this.claimDue(tenant, report, want, first && purge);
        report.claimed += claimed.length;
        if (claimed.length < want) exhausted = true;
        return claimed;
      };
      const claimed = await claimNext(true);
      if (claimed.length) await this.deliverBatch(tenant, claimed, report, () => claimNext(false));
    }
  }

  /**
   * One claim as its own transaction, after the same upkeep every claim gets: leases run out are
   * settled and suppressions honoured, so a refill taken mid-run sees an unsubscribe as promptly as
   * a new run would.
   */
  private claimDue(tenant: TenantRef, report: DeliveryReport, limit: number, purge: boolean): Promise<ClaimedMail[]> {
    return this.db.forTenant(tenant, async (tx) => {
      const now = this.clock.now();
      if (purge) await this.records.purgeFinished(tx);
      const expired = await MailOutboxStore.expireLeases(tx, now);
      if (expired.unconfirmed) this.logger.warn({ count: expired.unconfirmed }, 'mails left unconfirmed by a worker that stopped mid-send');
      report.unconfirmed += expired.unconfirmed;
      report.requeued += expired.requeued;
      report.suppressed += await MailOutboxStore.suppressDue(tx, now);
      return this.claim(tx, limit);
    });
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
   * Sends claimed mails over up to `concurrency` connections at once, one lane per connection, in
   * rounds of one mail per lane. Each lane starts its mail's SMTP conversation; meanwhile one
   * statement (its own transaction, one round trip) marks the round's mails as handed over and
   * records the previous round's outcomes (see HandOffLedger); only after it has committed do the
   * lanes complete their messages (the end of DATA).
   *
   * With `more`, the tenant's next claim is taken while the lanes still send this one, and its mails
   * join the same lanes: a run of several claims costs no pause between them (a claim's transaction
   * and the batch's closing write were a tenth of the delivery time in the benchmark). The next
   * claim only leases mail, it hands nothing over, so a crash leaves it to be queued again like the
   * rest of an unfinished claim; each lane still holds at most one mail marked without an outcome.
   */
  async deliverBatch(
    tenant: TenantRef,
    claimed: readonly ClaimedMail[],
    report: DeliveryReport,
    more?: () => Promise<ClaimedMail[]>,
  ): Promise<void> {
    const write = async (outcomes: DeliveryOutcome[], ids: string[]) => {
      const now = this.clock.now();
      const round = MailOutboxStore.roundStatement(outcomes, ids, {
        tenantId: tenant.id,
        now,
        owner: this.workerId,
        leaseUntil: this.leaseFrom(now),
      });
      const rows = await this.db.statementFor<{ id: string }>(tenant, round.sql, round.params);
      return new Set(rows.map((r) => r.id));
    };
    const run: LaneRun = {
      tenant,
      report,
      queue: [...claimed],
      claimed: [...claimed],
      more: more ?? null,
      lowWater: Math.ceil(claimed.length / 2),
      refill: null,
      refillFailure: null,
      settled: new Set(),
      leftover: [],
      connectFailure: null,
      ledger: new HandOffLedger(write, (written) => this.hardBounces(tenant, written)),
    };
    const lanes = Math.max(1, Math.min(this.transport.concurrency, claimed.length));
    for (let i = 0; i < lanes; i++) run.ledger.join();
    await Promise.all(Array.from({ length: lanes }, () => this.lane(run)));
    // Lanes that stopped early may leave a claim in flight: its mails are released with the rest.
    run.more = null;
    while (run.refill) await run.refill;
    const rest = run.claimed
      .filter((m) => !run.settled.has(m.id))
      .map((mail): Settled => {
        // Never handed over. Without any connection they wait for their back-off; when the worker is stopping
        // (or the database failed) they are queued again at once rather than after the lease.
        const outcome: DeliveryOutcome =
          run.connectFailure && !this.stopping && !run.ledger.failure
            ? this.retryOrFail(mail, run.connectFailure)
            : { id: mail.id, kind: 'release' };
        tally(report, outcome);
        return { outcome };
      });
    const last = [...run.ledger.unwritten, ...run.leftover, ...rest];
    // If even this write fails, the lease expiry settles the same mails: unconfirmed if handed over, else queued again.
    await this.db.forTenant(tenant, (tx) =>
      MailOutboxStore.record(
        tx,
        last.map((s) => s.outcome),
        { now: this.clock.now(), owner: this.workerId },
      ),
    );
    await this.hardBounces(tenant, last);
    if (run.ledger.failure) throw run.ledger.failure;
    if (run.refillFailure) throw run.refillFailure;
  }

  /**
   * The next mail for a lane. Starts the next claim when few are left, and waits for it rather than
   * let the lane end while it may still bring mail.
   */
  private async nextMail(run: LaneRun): Promise<ClaimedMail | undefined> {
    for (;;) {
      const mail = run.queue.shift();
      const more = run.more;
      if (more && !run.refill && run.queue.length <= run.lowWater && !this.stopping && !run.connectFailure && !run.ledger.failure) {
        run.refill = more().then(
          (mails) => {
            run.claimed.push(...mails);
            run.queue.push(...mails);
            if (!mails.length) run.more = null;
          },
          (err) => {
            // Nothing of a failed claim was committed: the run ends with what it has, then reports the failure.
            run.refillFailure = err;
            run.more = null;
          },
        ).finally(() => (run.refill = null));
      }
      if (mail || !run.refill) return mail;
      await run.refill;
    }
  }

  /** One connection's share of a batch: take a mail, start it, have it marked, complete it; until none is left. */
  private async lane(run: LaneRun): Promise<void> {
    let session: MailSession | null = null;
    let done: Settled[] = [];
    try {
      for (let mail = await this.nextMail(run); mail; mail = await this.nextMail(run)) {
        if (this.stopping) {
          run.queue.unshift(mail);
          break;
        }
        if (!session) {
          try {
            session = await this.openSession();
          } catch (err) {
            run.queue.unshift(mail);
            run.connectFailure = err;
            break;
          }
        }
        let message: OutgoingMessage;
        try {
          message = this.compose(run.tenant, mail);
        } catch (err) {
          this.logger.error({ tenant: run.tenant.key, messageId: mail.id, err: (err as Error).message }, 'mail cannot be rendered');
          done.push(this.settle(run, { id: mail.id, kind: 'failed', code: `render ${(err as Error).name}` }));
          continue;
        }
        const handing = done;
        done = [];
        const marked = run.ledger.commit(handing, mail.id);
        const sent = this.sendOne(session, mail, message, marked);
        const result = await sent;
        // Rejects when the ledger's transaction failed: the lane stops, and its mail was withdrawn unsent.
        const mayGo = await marked;
        if (mayGo) done.push(this.settle(run, result.outcome, result.bounce));
        // Not marked: its lease ran out and it was queued again, so it is another worker's now (and was withdrawn).
        else run.settled.add(mail.id);
        if (result.outcome.kind !== 'sent') {
          // After a failure the session's state is uncertain: the next mail gets a new one.
          await session.close().catch(() => undefined);
          session = null;
        }
      }
    } catch {
      // The ledger's transaction failed (it keeps what it could not write); this lane stops.
    } finally {
      run.leftover.push(...done);
      run.ledger.leave();
      if (session) await this.releaseSession(session);
    }
  }

  private settle(run: LaneRun, outcome: DeliveryOutcome, bounce?: Settled['bounce']): Settled {
    run.settled.add(outcome.id);
    tally(run.report, outcome);
    return { outcome, bounce };
  }

  private async sendOne(session: MailSession, mail: ClaimedMail, message: OutgoingMessage, handedOver: Promise<boolean>): Promise<Settled> {
    try {
      const sent = await session.send(message, handedOver);
      return { outcome: { id: mail.id, kind: 'sent', providerMessageId: sent.providerMessageId } };
    } catch (err) {
      const failure =
        err instanceof DeliveryError ? err : new DeliveryError('unknown', `ERROR ${(err as Error)?.name ?? ''}`.trim(), null, null, false);
      if (failure.kind === 'unknown') return { outcome: { id: mail.id, kind: 'unconfirmed', code: failure.code } };
      if (failure.kind === 'temporary') return { outcome: this.retryOrFail(mail, failure) };
      return { outcome: { id: mail.id, kind: 'failed', code: failure.code }, bounce: failure.isHardBounce ? { mail, failure } : undefined };
    }
  }

  /** A failure that is certain (nothing was taken): again after the back-off, or failed after the last attempt. */
  private retryOrFail(mail: ClaimedMail, err: unknown): DeliveryOutcome {
    const code = err instanceof DeliveryError ? err.code : `ERROR ${(err as Error)?.name ?? ''}`.trim();
    if (mail.attempts >= this.config.MAIL_MAX_ATTEMPTS) return { id: mail.id, kind: 'failed', code };
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
      html: this.tracking.tracks(def, mail) ? this.tracking.instrument(tenant, mail.id, rendered.html) : rendered.html,
      messageId: mail.message_id_header,
      date: this.clock.now(),
      headers,
    };
  }

  /** A tenant handler that fails must not stop the batch; the mail stays failed with its code for staff. */
  private async hardBounces(tenant: TenantRef, written: readonly Settled[]): Promise<void> {
    for (const { bounce } of written) {
      if (!bounce) continue;
      const { mail, failure } = bounce;
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

function tally(report: DeliveryReport, outcome: DeliveryOutcome): void {
  if (outcome.kind === 'sent') report.sent++;
  else if (outcome.kind === 'failed') report.failed++;
  else if (outcome.kind === 'unconfirmed') report.unconfirmed++;
  else if (outcome.kind === 'retry') report.retried++;
}
