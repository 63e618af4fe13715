import { Injectable, Logger } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import {
  retentionSweepBatches,
  retentionSweepLastCompleted,
  retentionSweepPeople,
  retentionSweepsRunning,
} from '../../health/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { TenantRef } from '../../context/src/index.js';
import { TenantRegistry, TenantsService } from '../../tenancy/src/index.js';
import { emptyOutcome, RetentionBatch, type BatchOutcome } from './retention-batch.service.js';
import { RetentionSchedules } from './retention-schedules.service.js';
import { RetentionStateStore } from './retention-state.store.js';
import { ProfileListing } from './profile-listing.js';

export interface SweepOptions {
  /** People per transaction: bounds how long a batch holds its row locks. */
  readonly batchSize?: number;
  /** Only these tenants (ids); all active tenants when omitted. */
  readonly tenantIds?: readonly string[];
}

export interface SweepReport extends BatchOutcome {
  tenants: number;
  batches: number;
  adopted: number;
  replanned: number;
  failedBatches: number;
  ms: number;
}

const DEFAULT_BATCH = 500;
/** How many untracked people one reconciliation takes on per schedule; a larger backlog waits for the next. */
const ADOPT_PER_SWEEP = 20_000;

/**
 * Finds due retention work in every tenant and runs it in batches. Safe with several workers at
 * once (rows are claimed with SKIP LOCKED, one tenant's preparation under an advisory lock), and
 * after downtime each person gets at most the one reminder now due (see plan()).
 */
@Injectable()
export class RetentionSweepService {
  private readonly logger = new Logger('retention');

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly schedules: RetentionSchedules,
    private readonly store: RetentionStateStore,
    private readonly listing: ProfileListing,
    private readonly batch: RetentionBatch,
    private readonly clock: Clock,
  ) {}

  async sweep(opts: SweepOptions = {}): Promise<SweepReport> {
    retentionSweepsRunning.inc();
    try {
      const report = await this.sweepAll(opts);
      retentionSweepLastCompleted.set(this.clock.now().getTime() / 1000);
      return report;
    } finally {
      retentionSweepsRunning.dec();
    }
  }

  private async sweepAll(opts: SweepOptions): Promise<SweepReport> {
    const started = performance.now();
    const batchSize = Math.max(1, Math.min(opts.batchSize ?? DEFAULT_BATCH, 5000));
    const report: SweepReport = { ...emptyOutcome(), tenants: 0, batches: 0, adopted: 0, replanned: 0, failedBatches: 0, ms: 0 };
    const all = await this.tenants.list();
    for (const tenant of all) {
      if (tenant.status !== 'active' || !this.registry.has(tenant.plugin)) continue;
      if (opts.tenantIds && !opts.tenantIds.includes(tenant.id)) continue;
      if (!this.registry.get(tenant.plugin).retention.length) continue;
      report.tenants++;
      await this.sweepTenant(tenant, batchSize, report);
    }
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  private async sweepTenant(tenant: TenantRef, batchSize: number, report: SweepReport): Promise<void> {
    const now = this.clock.now();
    await this.db.forTenant(tenant, (tx) => this.prepare(tx, now, report));
    for (;;) {
      let claimed: number;
      try {
        const outcome = await this.db.forTenant(tenant, async (tx) => {
          const rows = await this.store.claimDue(tx, now, batchSize);
          return this.batch.run(tx, rows, now);
        });
        claimed = outcome.claimed;
        add(report, outcome);
        retentionSweepBatches.inc({ result: 'ok' });
      } catch (err) {
        // The batch rolled back whole; take its people one at a time so one bad row cannot stall the rest.
        report.failedBatches++;
        retentionSweepBatches.inc({ result: 'failed' });
        this.logger.error({ err, tenant: tenant.key }, 'retention batch failed; retrying one person at a time');
        claimed = await this.singly(tenant, now, batchSize, report);
      }
      report.batches++;
      if (claimed < batchSize) return;
    }
  }

  /** Re-plans rows of changed schedules and reconciles untracked people; one worker per tenant at a time. */
  private async prepare(tx: TenantTx, now: Date, report: SweepReport): Promise<void> {
    const [lock] = await tx.query<{ ok: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('retention-prepare'), hashtext(tenant_id::text)) AS ok
         FROM (SELECT $1::uuid AS tenant_id) t`,
      [tx.tenantId],
    );
    if (!lock.ok) return;
    for (const s of await this.schedules.current()) {
      report.replanned += await this.store.replanIfChanged(tx, s.key, s.fingerprint, now);
      // Every sweep: with its watermark the pass reads only activity written since the last one.
      if (s.anchor === 'last-interaction')
        report.adopted += await this.store.adoptFromActivity(tx, s.key, s.personKind, now, ADOPT_PER_SWEEP);
      if (s.anchor === 'activation' && s.personKind === 'jobseeker' && (await this.store.claimReconciliation(tx, s.key, now)))
        report.adopted += await this.listing.adopt(tx, s.key, now, ADOPT_PER_SWEEP);
    }
  }

  /** Fallback after a failed batch: each due person in their own transaction; a failing one is retried tomorrow. */
  private async singly(tenant: TenantRef, now: Date, limit: number, report: SweepReport): Promise<number> {
    let claimed = 0;
    for (let i = 0; i < limit; i++) {
      let personId: string | null = null;
      let scheduleKey: string | null = null;
      try {
        const outcome = await this.db.forTenant(tenant, async (tx) => {
          const rows = await this.store.claimDue(tx, now, 1);
          personId = rows[0]?.personId ?? null;
          scheduleKey = rows[0]?.scheduleKey ?? null;
          return this.batch.run(tx, rows, now);
        });
        if (!outcome.claimed) break;
        claimed++;
        add(report, outcome);
      } catch (err) {
        if (!personId || !scheduleKey) throw err;
        claimed++;
        // No person id: the log outlives the person; the retention row shows staff who is postponed.
        this.logger.error({ err, tenant: tenant.key, schedule: scheduleKey }, 'retention step failed; retrying tomorrow');
        const retryAt = new Date(now.getTime() + 86_400_000);
        await this.db.forTenant(tenant, (tx) => this.store.postpone(tx, personId!, scheduleKey!, retryAt));
      }
    }
    return claimed;
  }
}

function add(report: SweepReport, o: BatchOutcome): void {
  for (const k of Object.keys(o) as (keyof BatchOutcome)[]) {
    report[k] += o[k];
    if (o[k]) retentionSweepPeople.inc({ step: k }, o[k]);
  }
}
