import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AppConfig, Clock } from '../../config/src/index.js';
import { TenantDb } from '../../database/src/index.js';
import { Metrics, type CheckResult } from '../../health/src/index.js';
import { TenantsService } from '../../tenancy/src/index.js';

interface TenantOutbox {
  tenant: string;
  queued: number;
  due: number;
  sending: number;
  /** Seconds the longest-waiting due mail has waited; 0 when none is due. */
  oldestDueSeconds: number;
}

/** A scrape reads both gauges and a probe may come at the same moment: one read serves them all. */
const FRESH_MS = 1000;

/**
 * The outbox as the platform sees it, whichever worker drains it: depth and the age of the oldest
 * due mail, per tenant, read from the database at scrape time (so every api process reports the
 * same numbers). A due mail older than two leases means no worker is taking mail.
 */
@Injectable()
export class MailOutboxMetrics implements OnModuleInit {
  private last: { at: number; value: Promise<TenantOutbox[]> } | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const read = () => this.read();
    new Gauge({
      name: 'recruit_mail_outbox_mails',
      help: 'Outbox mails per tenant: queued (all), due (queued and due now), sending (claimed by a worker).',
      labelNames: ['tenant', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const t of await read())
          for (const state of ['queued', 'due', 'sending'] as const) this.set({ tenant: t.tenant, state }, t[state]);
      },
    });
    new Gauge({
      name: 'recruit_mail_outbox_oldest_due_age_seconds',
      help: 'How long the longest-waiting due mail of each tenant has waited (0: none due).',
      labelNames: ['tenant'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const t of await read()) this.set({ tenant: t.tenant }, t.oldestDueSeconds);
      },
    });
    this.metrics.addReadinessCheck('mailQueue', () => this.readiness());
  }

  async readiness(): Promise<CheckResult> {
    const all = await this.read();
    const oldestDueSeconds = Math.max(0, ...all.map((t) => t.oldestDueSeconds));
    const stalledAfterSeconds = 2 * this.config.MAIL_SEND_LEASE_SECONDS;
    return {
      status: oldestDueSeconds > stalledAfterSeconds ? 'degraded' : 'ok',
      due: all.reduce((n, t) => n + t.due, 0),
      oldestDueSeconds,
      stalledAfterSeconds,
    };
  }

  private read(): Promise<TenantOutbox[]> {
    const now = Date.now();
    if (!this.last || now - this.last.at > FRESH_MS) {
      const value = this.readNow();
      value.catch(() => (this.last = null));
      this.last = { at: now, value };
    }
    return this.last.value;
  }

  private async readNow(): Promise<TenantOutbox[]> {
    const out: TenantOutbox[] = [];
    const now = this.clock.now();
    for (const t of await this.tenants.list()) {
      if (t.status !== 'active') continue;
      const [row] = await this.db.forTenant({ id: t.id, key: t.key, plugin: t.plugin }, (tx) =>
        tx.query<{ queued: number; due: number; sending: number; oldest_due: Date | null }>(
          `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
                  count(*) FILTER (WHERE status = 'queued' AND next_attempt_at <= $2)::int AS due,
                  count(*) FILTER (WHERE status = 'sending')::int AS sending,
                  min(next_attempt_at) FILTER (WHERE status = 'queued' AND next_attempt_at <= $2) AS oldest_due
             FROM mail_messages WHERE tenant_id = $1 AND status IN ('queued', 'sending')`,
          [tx.tenantId, now],
        ),
      );
      out.push({
        tenant: t.key,
        queued: row.queued,
        due: row.due,
        sending: row.sending,
        oldestDueSeconds: row.oldest_due ? Math.max(0, (now.getTime() - new Date(row.oldest_due).getTime()) / 1000) : 0,
      });
    }
    return out;
  }
}
