import type { CoreAuditAction } from '../../plugin-api/src/index.js';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ActivityService, ErasureService } from '../../privacy/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import type { AlertCriteriaDto, SubscribeDto, UpdateAlertDto } from './alert.dto.js';
import { alertName, criteriaFrom, criteriaProblems, mergeCriteria, type AlertCriteria } from './alert-criteria.js';
import { AlertLinksService } from './alert-links.service.js';
import { AlertMailer, type AlertRecipient } from './alert-mailer.js';
import { AlertStore, type AlertRow } from './alert-store.js';
import { siteLabel } from '../../vacancies/src/index.js';

/** Unconfirmed alerts are deleted after this many days; their confirm links stop working with them. */
export const CONFIRM_WITHIN_DAYS = 7;
/** Open confirmations per address: beyond this, a subscribe request sends nothing (no mail bombing). */
const MAX_UNCONFIRMED = 3;
const MAX_ALERTS = 20;

const invalidLink = () => new NotFoundException('This link is not valid (any more)');

/**
 * Subscribing, confirming and managing vacancy alerts without an account. The confirm link is the
 * double opt-in (nothing but the confirmation is sent before it); the manage link is the only key
 * to a subscription, so nothing here answers differently for a known or unknown address.
 */
@Injectable()
export class AlertSubscriptionsService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly erasure: ErasureService,
    private readonly registry: TenantRegistry,
    private readonly mailer: AlertMailer,
    private readonly links: AlertLinksService,
  ) {}

  async subscribe(dto: SubscribeDto): Promise<void> {
    if (!this.mailer.offered()) throw new NotFoundException('Vacancy alerts are not offered on this site');
    const def = this.registry.current();
    const locale = dto.locale ?? def.defaultLocale;
    const criteria = this.validCriteria(dto, def.locales.includes(locale) ? [] : [{ field: 'locale', reason: `must be one of ${def.locales.join(', ')}` }]);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const subscriber = await this.findOrCreateSubscriber(tx, { name: dto.name, email: dto.email.toLowerCase(), locale }, now);
      const [load] = await tx.query<{ unconfirmed: number; total: number }>(
        `SELECT count(*) FILTER (WHERE confirmed_at IS NULL)::int AS unconfirmed, count(*)::int AS total
           FROM vacancy_alerts WHERE tenant_id = $1 AND subscriber_id = $2`,
        [tx.tenantId, subscriber.subscriberId],
      );
      if (load.unconfirmed >= MAX_UNCONFIRMED || load.total >= MAX_ALERTS) return;
      const alertId = await AlertStore.insertAlert(tx, subscriber.subscriberId, criteria, now, false, siteLabel(def));
      await this.mailer.confirmation(tx, subscriber, { id: alertId, name: alertName(criteria) });
      await this.audit.record(
        { action: 'alert.subscribe', subjectType: 'alert-subscriber', subjectId: subscriber.subscriberId, details: { alertId } },
        tx,
      );
    });
  }

  /**
   * The double opt-in: the link from the confirmation mail. Answers with the manage token, once:
   * the link travels in a mail (forwarded, scanned, left in a shared inbox), so a second use
   * answers like an invalid link and hands out nothing.
   */
  async confirm(token: string): Promise<{ alertId: string; confirmed: true; manageToken: string }> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const claims = this.links.verify(tx.tenantId, 'confirm', token);
      if (!claims) throw invalidLink();
      const [alert] = await tx.query<{ subscriber_id: string }>(
        `WITH confirmed AS (
           UPDATE vacancy_alerts SET confirmed_at = $3, matched_until = $3, last_digest_at = $3
            WHERE tenant_id = $1 AND id = $2 AND confirmed_at IS NULL AND created_at > $3::timestamptz - make_interval(days => $4)
            RETURNING subscriber_id
         ) SELECT subscriber_id FROM confirmed`,
        [tx.tenantId, claims.id, now, CONFIRM_WITHIN_DAYS],
      );
      const subscriber = alert && (await AlertStore.subscriber(tx, alert.subscriber_id));
      if (!subscriber) throw invalidLink();
      await this.activity.touch(subscriber.subscriberId, 'alert-subscriber', 'link-click', tx);
      await this.audit.record(
        { action: 'alert.confirm', subjectType: 'alert-subscriber', subjectId: subscriber.subscriberId, details: { alertId: claims.id } },
        tx,
      );
      return { alertId: claims.id, confirmed: true as const, manageToken: this.mailer.manageToken(tx, subscriber) };
    });
  }

  overview(token: string) {
    return this.db.transaction(async (tx) => {
      const subscriber = await this.subscriberOf(tx, token);
      await this.activity.touch(subscriber.subscriberId, 'alert-subscriber', 'link-click', tx);
      return this.view(tx, subscriber);
    });
  }

  /** A further alert from the manage page: the link proves the mailbox, so it is confirmed at once. */
  add(token: string, dto: AlertCriteriaDto) {
    const criteria = this.validCriteria(dto);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const subscriber = await this.subscriberOf(tx, token);
      const [{ total }] = await tx.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM vacancy_alerts WHERE tenant_id = $1 AND subscriber_id = $2`,
        [tx.tenantId, subscriber.subscriberId],
      );
      if (total >= MAX_ALERTS) throw new ConflictException(`At most ${MAX_ALERTS} alerts per address`);
      const alertId = await AlertStore.insertAlert(tx, subscriber.subscriberId, criteria, now, true, siteLabel(this.registry.current()));
      await this.touched(tx, subscriber, 'alert.add', alertId);
      return this.view(tx, subscriber);
    });
  }

  update(token: string, alertId: string, dto: UpdateAlertDto) {
    return this.db.transaction(async (tx) => {
      const subscriber = await this.subscriberOf(tx, token);
      const alert = await this.alertOf(tx, subscriber, alertId);
      const criteria = this.validCriteria(mergeCriteria(alert, dto));
      await AlertStore.updateCriteria(tx, alertId, criteria);
      await this.touched(tx, subscriber, 'alert.update', alertId);
      return this.view(tx, subscriber);
    });
  }

  /**
   * Removes one alert. With the last one the subscriber goes too, with everything kept about them
   * (statement 003, 2.5: "Als er geen vacature-alerts meer zijn, dan verdwijnen je gegevens").
   */
  remove(token: string, alertId: string): Promise<{ subscriberDeleted: boolean }> {
    return this.db.transaction(async (tx) => {
      const subscriber = await this.subscriberOf(tx, token);
      await this.alertOf(tx, subscriber, alertId);
      await tx.query(`DELETE FROM vacancy_alerts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, alertId]);
      const remaining = await AlertStore.alertsOf(tx, subscriber.subscriberId);
      if (!remaining.length) {
        await this.erasure.erase(subscriber.subscriberId, 'alerts.last-alert-removed');
        return { subscriberDeleted: true };
      }
      await this.touched(tx, subscriber, 'alert.remove', alertId);
      return { subscriberDeleted: false };
    });
  }

  /** Every alert and the subscriber's data, in one go. */
  removeAll(token: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const subscriber = await this.subscriberOf(tx, token);
      await this.erasure.erase(subscriber.subscriberId, 'alerts.all-removed');
    });
  }

  private async view(tx: TenantTx, s: AlertRecipient) {
    const alerts = await AlertStore.alertsOf(tx, s.subscriberId);
    return { name: s.name, email: s.email, locale: s.locale, alerts: alerts.map(alertView) };
  }

  private async touched(tx: TenantTx, s: AlertRecipient, action: CoreAuditAction, alertId: string): Promise<void> {
    await this.activity.touch(s.subscriberId, 'alert-subscriber', 'interaction', tx);
    await this.audit.record({ action, subjectType: 'alert-subscriber', subjectId: s.subscriberId, details: { alertId } }, tx);
  }

  private async subscriberOf(tx: TenantTx, token: string): Promise<AlertRecipient> {
    const claims = this.links.verify(tx.tenantId, 'manage', token);
    const subscriber = claims && (await AlertStore.subscriber(tx, claims.id));
    if (!subscriber || subscriber.linkVersion !== claims.version) throw invalidLink();
    return subscriber;
  }

  private async alertOf(tx: TenantTx, s: AlertRecipient, alertId: string): Promise<AlertRow> {
    const alert = await AlertStore.alert(tx, alertId, { lock: true });
    if (!alert || alert.subscriberId !== s.subscriberId) throw new NotFoundException('No such alert');
    return alert;
  }

  private validCriteria(input: AlertCriteriaDto | AlertCriteria, extra: { field: string; reason: string }[] = []): AlertCriteria {
    const criteria = 'locationLabel' in input ? input : criteriaFrom(input);
    const problems = [...extra, ...criteriaProblems(criteria)];
    if (problems.length) throw new ValidationProblem(problems);
    return criteria;
  }

  private async findOrCreateSubscriber(
    tx: TenantTx,
    input: { name: string; email: string; locale: string },
    now: Date,
  ): Promise<AlertRecipient> {
    // An unconfirmed request must not rename an existing subscriber: the name stays as confirmed before.
    await tx.query(
      `INSERT INTO alert_subscribers (tenant_id, name, email, locale, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, email) DO NOTHING`,
      [tx.tenantId, input.name, input.email, input.locale, now],
    );
    const [row] = await tx.query<AlertRecipient>(
      `SELECT id AS "subscriberId", name, email, locale, link_version AS "linkVersion"
         FROM alert_subscribers WHERE tenant_id = $1 AND email = $2`,
      [tx.tenantId, input.email],
    );
    return row;
  }
}

function alertView(a: AlertRow) {
  return {
    id: a.id,
    name: alertName(a),
    keywords: a.keywords,
    location:
      a.locationLabel === null && a.latitude === null
        ? null
        : { label: a.locationLabel, latitude: a.latitude, longitude: a.longitude, distanceKm: a.distanceKm },
    hours: a.hoursMin === null ? null : { min: a.hoursMin, max: a.hoursMax },
    frequency: a.frequency,
    confirmed: a.confirmedAt !== null,
    createdAt: a.createdAt,
  };
}
