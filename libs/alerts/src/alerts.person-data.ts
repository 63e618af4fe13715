import type { TenantTx } from '../../database/src/index.js';
import type { PersonContact, PersonDataHandler } from '../../privacy/src/index.js';

/**
 * Subscribers are people in their own right (their row id is their person id). Erasing an account
 * also removes alert subscriptions under the account's address: the account handler runs last, so
 * the address can still be read here.
 */
const eraseMany = async (tx: TenantTx, personIds: readonly string[]): Promise<string[]> => {
  const gone = await tx.query<{ id: string }>(
    `WITH gone AS (
       DELETE FROM alert_subscribers s
        WHERE s.tenant_id = $1
          AND (s.id = ANY($2::uuid[])
               OR s.email IN (SELECT a.email FROM accounts a WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[])))
        RETURNING s.id
     ) SELECT id FROM gone`,
    [tx.tenantId, personIds],
  );
  // A subscriber under the account's address is a person of their own in the audit log.
  return gone.map((r) => r.id).filter((id) => !personIds.includes(id));
};

export const alertsPersonData: PersonDataHandler = {
  name: 'alerts',
  erase: (tx, personId) => eraseMany(tx, [personId]),
  eraseMany,
  export: async (tx, personId) => {
    const [subscriber] = await tx.query(
      `SELECT s.id, s.name, s.email, s.locale, s.created_at AS "createdAt"
         FROM alert_subscribers s
        WHERE s.tenant_id = $1
          AND (s.id = $2 OR s.email = (SELECT a.email FROM accounts a WHERE a.tenant_id = $1 AND a.id = $2))`,
      [tx.tenantId, personId],
    );
    if (!subscriber) return null;
    const alerts = await tx.query(
      `SELECT al.id, al.keywords, al.location_label AS "locationLabel", al.latitude, al.longitude, al.distance_km AS "distanceKm",
              al.hours_min AS "hoursMin", al.hours_max AS "hoursMax", al.frequency, al.confirmed_at AS "confirmedAt",
              al.created_at AS "createdAt",
              COALESCE((SELECT json_agg(json_build_object('vacancyId', d.vacancy_id, 'sentAt', d.sent_at) ORDER BY d.sent_at)
                          FROM alert_deliveries d WHERE d.tenant_id = $1 AND d.alert_id = al.id), '[]'::json) AS deliveries
         FROM vacancy_alerts al WHERE al.tenant_id = $1 AND al.subscriber_id = $2 ORDER BY al.created_at`,
      [tx.tenantId, (subscriber as { id: string }).id],
    );
    return { subscriber, alerts };
  },
  contacts: async (tx, personIds) => {
    const rows = await tx.query<{ id: string; email: string; name: string; locale: string }>(
      `SELECT id, email, name, locale FROM alert_subscribers WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tx.tenantId, personIds],
    );
    return new Map<string, PersonContact>(rows.map((r) => [r.id, { address: r.email, name: r.name, locale: r.locale }]));
  },
};
