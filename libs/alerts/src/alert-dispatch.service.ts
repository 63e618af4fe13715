import { Injectable } from '@nestjs/common';
import { TenantDb, inParts, multiRowValues, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ErasureService } from '../../privacy/src/index.js';
import { alertName } from './alert-criteria.js';
import { AlertMailer, type AlertRecipient } from './alert-mailer.js';
import { AlertMatcherService, type AlertMatch } from './alert-matcher.service.js';
import { ALERT_COLUMNS, type AlertRow } from './alert-store.js';

/** When the daily digest goes out: 07:00 on the Dutch clock, whatever the season. */
export const DIGEST_ZONE = 'Europe/Amsterdam';
export const DIGEST_HOUR = 7;

/** Alerts handled per transaction: short transactions, few round trips per alert. */
const BATCH = 100;

/** SQL: the most recent digest moment at or before the timestamp parameter (07:00 local time). */
const lastDigestMoment = (n: string) =>
  `((date_trunc('day', (${n}::timestamptz AT TIME ZONE '${DIGEST_ZONE}') - make_interval(hours => ${DIGEST_HOUR}))
     + make_interval(hours => ${DIGEST_HOUR})) AT TIME ZONE '${DIGEST_ZONE}')`;

type LockedAlert = AlertRow & AlertRecipient;

/**
 * Sends what alerts have found, for the tenant in context: an immediate alert gets a mail as soon
 * as a matching vacancy is online, a daily alert one digest a day. Alerts are handled in batches,
 * each in one short transaction that locks its alerts (another worker skips them), records the
 * vacancies each alert is sent and queues the mails: never the same vacancy twice, and a crash
 * sends nothing half.
 */
@Injectable()
export class AlertDispatchService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly matcher: AlertMatcherService,
    private readonly mailer: AlertMailer,
    private readonly erasure: ErasureService,
  ) {}

  /** Returns how many mails were queued. */
  async sendImmediate(): Promise<number> {
    const now = this.clock.now();
    const alerts = await this.db.transaction((tx) => this.matcher.immediateWithFreshVacancies(tx, now));
    return this.inBatches(alerts, 'immediate', now);
  }

  /** Returns how many digests were queued; a due alert with nothing new is marked done silently. */
  async sendDigests(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.transaction((tx) =>
      tx.query<{ id: string }>(
        `SELECT id FROM vacancy_alerts
          WHERE tenant_id = $1 AND frequency = 'daily' AND confirmed_at IS NOT NULL AND last_digest_at < ${lastDigestMoment('$2')}
          ORDER BY id`,
        [tx.tenantId, now],
      ),
    );
    return this.inBatches(due.map((a) => a.id), 'digest', now);
  }

  private async inBatches(ids: string[], kind: 'immediate' | 'digest', now: Date): Promise<number> {
    let sent = 0;
    for (let i = 0; i < ids.length; i += BATCH)
      sent += await this.db.transaction((tx) => this.deliver(tx, ids.slice(i, i + BATCH), kind, now));
    return sent;
  }

  private async deliver(tx: TenantTx, ids: string[], kind: 'immediate' | 'digest', now: Date): Promise<number> {
    // Re-checked under the lock: another worker may have handled these a moment ago.
    const locked = await tx.query<LockedAlert>(
      `SELECT ${ALERT_COLUMNS}, s.name, s.email, s.locale, s.link_version AS "linkVersion"
         FROM vacancy_alerts a JOIN alert_subscribers s ON s.tenant_id = a.tenant_id AND s.id = a.subscriber_id
        WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[]) AND a.confirmed_at IS NOT NULL
          ${kind === 'digest' ? `AND a.last_digest_at < ${lastDigestMoment('$3')}` : 'AND $3::timestamptz IS NOT NULL'}
        FOR UPDATE OF a SKIP LOCKED`,
      [tx.tenantId, ids, now],
    );
    if (!locked.length) return 0;
    const lockedIds = locked.map((a) => a.id);
    const matches = await this.matcher.pending(tx, lockedIds, now);
    await this.matcher.advance(tx, lockedIds, now);
    if (kind === 'digest')
      await tx.query(`UPDATE vacancy_alerts SET last_digest_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        tx.tenantId,
        lockedIds,
        now,
      ]);
    if (!matches.length) return 0;
    // Multi-row VALUES, not a SELECT from unnest: Citus routes it to the tenant's shard (see
    // multiRowValues); one statement for any batch below 30 000 matches.
    for (const part of inParts(matches, 30_000)) {
      const { values, params } = multiRowValues(
        [tx.tenantId, now],
        part.map((m) => [m.alertId, m.id]),
        ([tenant, at], [alert, vacancy]) => `${tenant}::uuid, ${alert}::uuid, ${vacancy}::uuid, ${at}::timestamptz`,
      );
      await tx.query(`INSERT INTO alert_deliveries (tenant_id, alert_id, vacancy_id, sent_at) VALUES ${values}`, params);
    }
    const byAlert = new Map<string, AlertMatch[]>();
    for (const m of matches) byAlert.set(m.alertId, [...(byAlert.get(m.alertId) ?? []), m]);
    const erased = new Set<string>();
    let sent = 0;
    for (const alert of locked) {
      const found = byAlert.get(alert.id);
      if (!found || erased.has(alert.subscriberId)) continue;
      const mail = await this.mailer.vacancies(tx, kind, alert, { id: alert.id, name: alertName(alert), label: alert.label }, found);
      if (mail.suppressed) {
        // Unsubscribed from alert mail (or the address bounced): alerts that can never be sent
        // are not kept, and with them goes the subscriber's data (the suppressed mail included).
        await this.erasure.erase(alert.subscriberId, 'alerts.unsubscribed');
        erased.add(alert.subscriberId);
        continue;
      }
      sent++;
    }
    return sent;
  }
}
