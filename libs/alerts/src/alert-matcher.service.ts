import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { BILINGUAL_QUERY, PUBLICLY_VISIBLE, haversineKm } from '../../vacancies/src/index.js';
import type { AlertedVacancy } from './alert-mailer.js';

export interface AlertMatch extends AlertedVacancy {
  alertId: string;
}

/**
 * How far back before an alert's watermark vacancies are looked at again: a vacancy whose
 * transaction committed late (after a run had already moved the watermark past its time) is
 * still found. The delivery record keeps it from being sent twice.
 */
export const LATE_COMMIT_MARGIN_MINUTES = 2;

/**
 * Which published vacancies an alert has not had yet. A vacancy matches when it came online after
 * the alert was confirmed (and since the alert's watermark), is online now, and meets every
 * criterion the alert has: the site it was made on (a label's alert sees that label's vacancies
 * only, statement 003), keywords (full text, Dutch and English), distance (haversine from the
 * alert's point; a vacancy without coordinates matches on its city name instead) and hours (the
 * two ranges overlap). Each alert's text query is parsed once, not once per vacancy.
 */
@Injectable()
export class AlertMatcherService {
  /** Undelivered matches of the given alerts (confirmed ones only), by alert, oldest vacancy first. */
  async pending(tx: TenantTx, alertIds: readonly string[], now: Date): Promise<AlertMatch[]> {
    if (!alertIds.length) return [];
    return tx.query<AlertMatch>(
      `WITH al AS MATERIALIZED (
         SELECT a.*, a.matched_until - make_interval(mins => $4) AS since,
                CASE WHEN a.keywords IS NOT NULL THEN ${BILINGUAL_QUERY('a.keywords')} END AS query
           FROM vacancy_alerts a
          WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[]) AND a.confirmed_at IS NOT NULL
       ), fresh AS MATERIALIZED (
         SELECT v.* FROM vacancies v
          WHERE v.tenant_id = $1 AND ${PUBLICLY_VISIBLE('$3')} AND v.posted_at > (SELECT min(since) FROM al)
       )
       SELECT al.id AS "alertId", v.id, v.title, o.name AS employer, v.city
         FROM al
         JOIN fresh v ON v.tenant_id = al.tenant_id AND v.posted_at >= al.confirmed_at AND v.posted_at > al.since
         JOIN org_units o ON o.tenant_id = v.tenant_id AND o.id = v.org_unit_id
        WHERE v.label IS NOT DISTINCT FROM al.label
          AND (al.query IS NULL OR v.search_vector @@ al.query)
          AND (al.hours_min IS NULL OR (v.hours_max >= al.hours_min AND v.hours_min <= al.hours_max))
          AND (
            (al.latitude IS NULL AND (al.location_label IS NULL OR lower(v.city) = lower(al.location_label)))
            OR (al.latitude IS NOT NULL AND v.latitude IS NOT NULL
                AND ${haversineKm('al.latitude', 'al.longitude', 'v.latitude', 'v.longitude')} <= al.distance_km)
            OR (al.latitude IS NOT NULL AND v.latitude IS NULL AND lower(v.city) = lower(al.location_label))
          )
          AND NOT EXISTS (SELECT 1 FROM alert_deliveries d
                           WHERE d.tenant_id = $1 AND d.alert_id = al.id AND d.vacancy_id = v.id)
        ORDER BY al.id, v.posted_at, v.id`,
      [tx.tenantId, alertIds, now, LATE_COMMIT_MARGIN_MINUTES],
    );
  }

  /**
   * Confirmed immediate alerts with at least one vacancy online since their watermark: the only
   * ones worth matching now. A quiet minute touches no alert at all.
   */
  async immediateWithFreshVacancies(tx: TenantTx, now: Date): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `SELECT a.id FROM vacancy_alerts a
        WHERE a.tenant_id = $1 AND a.frequency = 'immediate' AND a.confirmed_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM vacancies v
                       WHERE v.tenant_id = $1 AND ${PUBLICLY_VISIBLE('$2')} AND v.label IS NOT DISTINCT FROM a.label
                         AND v.posted_at > a.matched_until - make_interval(mins => $3) AND v.posted_at >= a.confirmed_at)
        ORDER BY a.id`,
      [tx.tenantId, now, LATE_COMMIT_MARGIN_MINUTES],
    );
    return rows.map((r) => r.id);
  }

  /** Records that the alerts have been matched against everything online up to `now`. */
  async advance(tx: TenantTx, alertIds: readonly string[], now: Date): Promise<void> {
    if (!alertIds.length) return;
    await tx.query(
      `UPDATE vacancy_alerts SET matched_until = $3
        WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND matched_until < $3`,
      [tx.tenantId, alertIds, now],
    );
  }
}
