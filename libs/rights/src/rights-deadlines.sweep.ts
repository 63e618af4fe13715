import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { DEFAULT_RIGHTS } from '../../plugin-api/src/index.js';
import { TenantsService, TenantRegistry } from '../../tenancy/src/index.js';
import { addDays, localDate } from './deadlines.js';

/** Deciders are reminded this many days before a request is due. */
const REMIND_DAYS = 3;
import { RightsExports } from './rights-exports.service.js';
import { RightsMailer } from './rights-mailer.js';
import { RightsRequestsStore } from './rights-requests.store.js';

/**
 * Deciders are reminded once when a request falls due within three days (again after an extension).
 * Overdue requests are escalated once: every account holding a decider role of the tenant gets a
 * mail naming the request, and the request remembers it was escalated, so the next sweep (or a
 * second worker, which skips locked rows) does not mail again.
 */
@Injectable()
export class RightsDeadlineSweep {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly store: RightsRequestsStore,
    private readonly mailer: RightsMailer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly exports: RightsExports,
  ) {}

  async sweep(
    opts: { tenantIds?: readonly string[] } = {},
  ): Promise<{ escalated: number; reminded: number }> {
    let escalated = 0;
    let reminded = 0;
    const today = localDate(this.clock.now());
    for (const tenant of await this.tenants.list()) {
      if (tenant.status !== 'active' || !this.registry.has(tenant.plugin)) continue;
      if (opts.tenantIds && !opts.tenantIds.includes(tenant.id)) continue;
      const def = this.registry.get(tenant.plugin);
      const deciders = (def.rights ?? DEFAULT_RIGHTS).deciders;
      const handlerKinds = def.rights?.handlerUnitKinds ?? null;
      const ownUnitsOnly = def.visibility.candidateBank.staffScope === 'own-org-units';
      escalated += await this.db.forTenant(tenant, async (tx) => {
        const now = this.clock.now();
        // Archives whose link expired or was used: not kept as a second store of anyone's data.
        await this.exports.sweepArchives(tx);
        for (const r of await this.store.claimDueSoon(tx, today, addDays(today, REMIND_DAYS))) {
          for (const p of await this.store.deciders(tx, r, deciders, ownUnitsOnly, handlerKinds))
            await this.mailer.toDecider(tx, r, p, 'due-soon');
          await this.store.update(tx, r.id, { remindedAt: now }, now);
          reminded++;
          await this.audit.record(
            {
              action: 'rights.request.remind',
              subjectType: 'rights-request',
              subjectId: r.id,
              details: { dueOn: r.dueOn },
            },
            tx,
          );
        }
        const due = await this.store.claimUnescalated(tx, today);
        for (const r of due) {
          const people = await this.store.deciders(tx, r, deciders, ownUnitsOnly, handlerKinds);
          for (const p of people) await this.mailer.toDecider(tx, r, p);
          await this.store.update(tx, r.id, { escalatedAt: now }, now);
          await this.audit.record(
            {
              action: 'rights.request.escalate',
              subjectType: 'rights-request',
              subjectId: r.id,
              details: { dueOn: r.dueOn, deciders: people.length },
            },
            tx,
          );
        }
        return due.length;
      });
    }
    return { escalated, reminded };
  }
}

/** Runs the sweep in the worker only (the api never loads the scheduler). */
@Injectable()
export class RightsDeadlineScheduler {
  private readonly logger = new Logger('rights');
  private running = false;

  constructor(private readonly sweeper: RightsDeadlineSweep) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'rights-deadline-sweep' })
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { escalated, reminded } = await this.sweeper.sweep();
      if (escalated || reminded)
        this.logger.log({ escalated, reminded }, 'data-subject request deadlines');
    } catch (err) {
      this.logger.error({ err }, 'rights deadline sweep failed');
    } finally {
      this.running = false;
    }
  }
}
