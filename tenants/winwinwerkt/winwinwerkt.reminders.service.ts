import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  Clock,
  MailService,
  PluginTenants,
  TenantDb,
  profileCreatedAt,
  profileFieldValues,
  type TenantRef,
} from '../../libs/tenant-host/src/index.js';
import { REMINDER_MONTHS } from './winwinwerkt.fields.js';
import { WINWINWERKT_DOMAIN, winwinwerktLabels } from './winwinwerkt.labels.js';
import { CrmService } from './winwinwerkt.crm.service.js';
import { PendingApplicationsService } from './winwinwerkt.pending-applications.service.js';

interface Due {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  every: number | null;
  label: string | null;
  since: Date;
}

/** Adds whole months the way a calendar does (31 August + 6 months is the last day of February). */
function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/**
 * Statement 003, 2.2: "Elke 6 maanden (standaard) ontvang je een geautomatiseerd email bericht die je
 * attendeert op je inschrijving ... Je kan de frequentie aanpassen in je profiel." Every candidate
 * with a verified account gets it, available or passive alike (2.1: "De herinneringsmail blijf je
 * ontvangen"), from the label they came through. The term is "tot je jezelf uitschrijft": nothing
 * is deleted for time; an undeliverable reminder (a hard bounce) deletes the profile, through the
 * tenant's bounce handler. Not the core retention engine: its schedules always end in a final
 * action after a time, which this statement does not have.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('winwinwerkt');
  private running = false;

  constructor(
    private readonly db: TenantDb,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly tenants: PluginTenants,
    private readonly crm: CrmService,
    private readonly pending: PendingApplicationsService,
  ) {}

  /** Runs in the worker only (the api has no scheduler, so the decorator stays inert there). */
  @Cron(CronExpression.EVERY_HOUR, { name: 'winwinwerkt-reminders' })
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const tenant of await this.tenants.list('winwinwerkt')) {
        await this.sendDue(tenant);
        // The relations' schedule (statement 4) runs with it.
        await this.db.forTenant(tenant, () => this.crm.sweep());
        // So do applications an existing account's holder never confirmed (2.4).
        await this.db.forTenant(tenant, () => this.pending.deleteExpired());
      }
    } catch (err) {
      this.logger.error({ err }, 'winwinwerkt reminders failed');
    } finally {
      this.running = false;
    }
  }

  /** Queues every reminder that is due for one tenant; returns how many. */
  sendDue(tenant: TenantRef): Promise<{ sent: number }> {
    const now = this.clock.now();
    return this.db.forTenant(tenant, async (tx) => {
      // Rows are locked so two workers never send the same reminder twice.
      const accounts = await tx.query<Omit<Due, 'every' | 'since'> & { last_reminder_at: Date | null; enrolled_at: Date | null }>(
        `SELECT a.id, a.email, a.display_name, a.locale, c.label, c.last_reminder_at, c.enrolled_at
           FROM accounts a
           LEFT JOIN winwinwerkt_candidates c ON c.tenant_id = a.tenant_id AND c.person_id = a.id
          WHERE a.tenant_id = $1 AND 'jobseeker' = ANY (a.roles) AND a.status = 'active' AND a.email_verified_at IS NOT NULL
            AND COALESCE(c.last_reminder_at, c.enrolled_at, '-infinity') <= $2
          FOR UPDATE OF a SKIP LOCKED`,
        [tx.tenantId, now],
      );
      // The profile's start and chosen frequency come from libs/profiles; a person without a profile gets no reminder.
      const ids = accounts.map((a) => a.id);
      const created = await profileCreatedAt(tx, ids);
      const chosen = await profileFieldValues(tx, ids, ['reminderEveryMonths']);
      const rows: Due[] = accounts.flatMap((a) => {
        const start = created.get(a.id);
        if (!start) return [];
        const every = Number(chosen.get(a.id)?.reminderEveryMonths);
        return [{ ...a, every: Number.isInteger(every) && every > 0 ? every : null, since: a.last_reminder_at ?? a.enrolled_at ?? start }];
      });
      let sent = 0;
      for (const r of rows) {
        const every = r.every ?? REMINDER_MONTHS.default;
        if (addMonths(new Date(r.since), every) > now) continue;
        const label = winwinwerktLabels.find((l) => l.key === r.label) ?? null;
        const host = label?.domains[0] ?? WINWINWERKT_DOMAIN;
        await this.mail.enqueue(tx, {
          template: 'registration-reminder',
          brand: label?.key,
          idempotencyKey: `registration-reminder:${r.id}:${now.toISOString()}`,
          to: { address: r.email, personId: r.id, personKind: 'jobseeker', locale: r.locale },
          variables: { name: r.display_name, everyMonths: every, profileUrl: `https://${host}/t/${tenant.key}/profile` },
        });
        await tx.query(
          `INSERT INTO winwinwerkt_candidates (tenant_id, person_id, label, enrolled_at, last_reminder_at) VALUES ($1, $2, NULL, $3, $3)
           ON CONFLICT (tenant_id, person_id) DO UPDATE SET last_reminder_at = EXCLUDED.last_reminder_at`,
          [tx.tenantId, r.id, now],
        );
        sent++;
      }
      return { sent };
    });
  }
}
