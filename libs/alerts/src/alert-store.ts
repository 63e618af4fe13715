import type { TenantTx } from '../../database/src/index.js';
import type { AlertCriteria } from './alert-criteria.js';
import type { AlertFrequency } from './alert.dto.js';
import type { AlertRecipient } from './alert-mailer.js';

export interface AlertRow extends AlertCriteria {
  id: string;
  subscriberId: string;
  confirmedAt: Date | null;
  createdAt: Date;
  /** The label (brand site) it was made on: it sees that site's vacancies, in that site's look. */
  label: string | null;
}

export const ALERT_COLUMNS = `a.id, a.subscriber_id AS "subscriberId", a.keywords, a.location_label AS "locationLabel",
  a.latitude, a.longitude, a.distance_km AS "distanceKm", a.hours_min AS "hoursMin", a.hours_max AS "hoursMax",
  a.frequency, a.confirmed_at AS "confirmedAt", a.created_at AS "createdAt", a.label`;

/** The SQL of the alerts capability that more than one service needs. */
export const AlertStore = {
  async subscriber(tx: TenantTx, id: string): Promise<AlertRecipient | null> {
    const [row] = await tx.query<AlertRecipient>(
      `SELECT id AS "subscriberId", name, email, locale, link_version AS "linkVersion"
         FROM alert_subscribers WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id],
    );
    return row ?? null;
  },

  alertsOf(tx: TenantTx, subscriberId: string): Promise<AlertRow[]> {
    return tx.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM vacancy_alerts a WHERE a.tenant_id = $1 AND a.subscriber_id = $2 ORDER BY a.created_at, a.id`,
      [tx.tenantId, subscriberId],
    );
  },

  async alert(tx: TenantTx, id: string, opts: { lock?: boolean } = {}): Promise<AlertRow | null> {
    const [row] = await tx.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM vacancy_alerts a WHERE a.tenant_id = $1 AND a.id = $2 ${opts.lock ? 'FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    );
    return row ?? null;
  },

  /** `label`: the site the alert is made on (null for the tenant's own site). */
  async insertAlert(tx: TenantTx, subscriberId: string, c: AlertCriteria, at: Date, confirmed: boolean, label: string | null = null): Promise<string> {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO vacancy_alerts (tenant_id, subscriber_id, keywords, location_label, latitude, longitude, distance_km,
                                   hours_min, hours_max, frequency, confirmed_at, matched_until, last_digest_at, created_at, label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $12, $13) RETURNING id`,
      [
        tx.tenantId,
        subscriberId,
        c.keywords,
        c.locationLabel,
        c.latitude,
        c.longitude,
        c.distanceKm,
        c.hoursMin,
        c.hoursMax,
        c.frequency satisfies AlertFrequency,
        confirmed ? at : null,
        at,
        label,
      ],
    );
    return row.id;
  },

  async updateCriteria(tx: TenantTx, id: string, c: AlertCriteria): Promise<void> {
    await tx.query(
      `UPDATE vacancy_alerts SET keywords = $3, location_label = $4, latitude = $5, longitude = $6, distance_km = $7,
              hours_min = $8, hours_max = $9, frequency = $10
        WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id, c.keywords, c.locationLabel, c.latitude, c.longitude, c.distanceKm, c.hoursMin, c.hoursMax, c.frequency],
    );
  },
};
