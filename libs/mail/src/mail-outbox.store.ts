import type { TenantTx } from '../../database/src/index.js';
import type { MailCategory, PersonKind } from '../../plugin-api/src/index.js';
import { RESTRICTED_MAIL_CATEGORIES } from '../../profiles/src/processing-restriction.js';
import { returning } from './returning.js';
import { processingRestrictedSql } from '../../profiles/src/reach-sql.js';

/** A claimed outbox row: this worker holds its lease. */
export interface ClaimedMail {
  id: string;
  template: string;
  category: MailCategory;
  locale: string;
  brand: string | null;
  recipient_address: string;
  address_hash: string;
  person_id: string | null;
  person_kind: PersonKind | null;
  variables: Record<string, unknown>;
  attempts: number;
  message_id_header: string;
}

/**
 * How a claimed mail ended this round. `retry` and `release` put it back in the queue: `retry`
 * after a failure that is certain (the server refused, or nothing was handed over), `release`
 * for a mail this worker never handed over (it stops, or lost its lease).
 */
export type DeliveryOutcome =
  | { readonly id: string; readonly kind: 'sent'; readonly providerMessageId: string | null }
  | { readonly id: string; readonly kind: 'failed' | 'unconfirmed'; readonly code: string }
  | { readonly id: string; readonly kind: 'retry'; readonly code: string; readonly at: Date }
  | { readonly id: string; readonly kind: 'release' };

export interface ExpiredLeases {
  /** Handed to SMTP by a worker that vanished: outcome unknown, closed, never resent. */
  unconfirmed: number;
  /** Claimed but never handed over: queued again. */
  requeued: number;
}

const STATUS: Record<DeliveryOutcome['kind'], string> = {
  sent: 'sent',
  failed: 'failed',
  unconfirmed: 'unconfirmed',
  retry: 'queued',
  release: 'queued',
};

/** The hand-off mark; $1 is the tenant and $3 now, the other placeholders are the caller's. */
const handOffSql = (p: { ids: string; leaseUntil: string; owner: string }) =>
  `UPDATE mail_messages SET handed_off_at = $3, lease_until = ${p.leaseUntil}, updated_at = $3
    WHERE tenant_id = $1 AND id = ANY(${p.ids}::uuid[]) AND lease_owner = ${p.owner} AND status = 'sending' AND handed_off_at IS NULL
    RETURNING id`;

/** $1 tenant, $2 ids, $3 now, $4 owner, $5..$9 kind, status, code, provider id, next attempt per outcome. */
const RECORD = `UPDATE mail_messages m SET
    status = o.status,
    last_error = CASE WHEN o.kind = 'release' THEN m.last_error ELSE o.code END,
    provider_message_id = COALESCE(o.provider, m.provider_message_id),
    sent_at = CASE WHEN o.status = 'sent' THEN $3::timestamptz ELSE m.sent_at END,
    finished_at = CASE WHEN o.status = 'queued' THEN NULL ELSE $3::timestamptz END,
    next_attempt_at = COALESCE(o.next_at, m.next_attempt_at),
    variables = CASE WHEN o.status = 'queued' THEN m.variables ELSE NULL END,
    lease_owner = CASE WHEN o.status = 'queued' THEN NULL ELSE m.lease_owner END,
    lease_until = NULL,
    handed_off_at = CASE WHEN o.status = 'queued' THEN NULL ELSE m.handed_off_at END,
    updated_at = $3
  FROM unnest($2::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
    AS o(id, kind, status, code, provider, next_at)
  WHERE m.tenant_id = $1 AND m.id = o.id AND m.lease_owner = $4
    AND (m.status = 'sending' OR (m.status = 'unconfirmed' AND o.status <> 'queued'))`;

function recordParams(
  tenantId: string,
  outcomes: readonly DeliveryOutcome[],
  opts: { now: Date; owner: string },
): unknown[] {
  return [
    tenantId,
    outcomes.map((o) => o.id),
    opts.now,
    opts.owner,
    outcomes.map((o) => o.kind),
    outcomes.map((o) => STATUS[o.kind]),
    outcomes.map((o) => ('code' in o ? o.code : null)),
    outcomes.map((o) => (o.kind === 'sent' ? o.providerMessageId : null)),
    outcomes.map((o) => (o.kind === 'retry' ? o.at : o.kind === 'release' ? opts.now : null)),
  ];
}

/**
 * The outbox's state changes during delivery, each a single set-based statement, so a batch of a
 * hundred mails costs a handful of round trips, not a transaction per mail.
 */
export const MailOutboxStore = {
  /**
   * Claims up to `limit` due mails for `owner`. The ids are chosen and locked in a materialised CTE
   * that runs once, whatever plan the planner picks: `UPDATE ... WHERE id IN (SELECT ... LIMIT n
   * FOR UPDATE SKIP LOCKED)` can be planned as a nested loop that re-runs the subquery for every
   * row, each run skipping the rows this statement already updated and taking the next n, which
   * claimed a whole backlog of 2,000 when the statistics were stale.
   */
  async claim(
    tx: TenantTx,
    opts: { now: Date; owner: string; leaseUntil: Date; limit: number },
  ): Promise<ClaimedMail[]> {
    const result = await tx.query(
      `WITH picked AS MATERIALIZED (
         SELECT id FROM mail_messages
          WHERE tenant_id = $1 AND status = 'queued' AND next_attempt_at <= $2
          ORDER BY next_attempt_at LIMIT $5
          FOR UPDATE SKIP LOCKED)
       UPDATE mail_messages m
          SET status = 'sending', attempts = m.attempts + 1, lease_owner = $3, lease_until = $4, handed_off_at = NULL, updated_at = $2
         FROM picked
        WHERE m.tenant_id = $1 AND m.id = picked.id
        RETURNING m.id, m.template, m.category, m.locale, m.brand, m.recipient_address, m.address_hash, m.person_id,
                  m.person_kind, m.variables, m.attempts, m.message_id_header`,
      [tx.tenantId, opts.now, opts.owner, opts.leaseUntil, opts.limit],
    );
    return returning<ClaimedMail>(result);
  },

  /**
   * Marks mails as handed to SMTP, just before their conversation starts, and renews their lease
   * for it. Only mails this worker still holds and has not handed over are marked; the ids
   * returned are the only ones it may send (a mail whose lease ran out was queued again and may
   * belong to another worker by now).
   */
  async handOff(
    tx: TenantTx,
    ids: readonly string[],
    opts: { now: Date; owner: string; leaseUntil: Date },
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = returning<{ id: string }>(
      await tx.query(handOffSql({ ids: '$2', leaseUntil: '$4', owner: '$5' }), [
        tx.tenantId,
        ids,
        opts.now,
        opts.leaseUntil,
        opts.owner,
      ]),
    );
    return new Set(rows.map((r) => r.id));
  },

  /**
   * Records outcomes in one statement. A final state clears the variables the body was rendered
   * from. A late success still counts if the lease ran out meanwhile (the mail was closed as
   * 'unconfirmed'); a mail goes back to the queue only from 'sending' and only by its owner.
   */
  async record(
    tx: TenantTx,
    outcomes: readonly DeliveryOutcome[],
    opts: { now: Date; owner: string },
  ): Promise<void> {
    if (!outcomes.length) return;
    await tx.query(RECORD, recordParams(tx.tenantId, outcomes, opts));
  },

  /**
   * `record` and `handOff` as one statement that sets the tenant itself (`app.mail_round`): run
   * through `TenantDb.statementFor`, a delivery round costs one round trip to the database and is
   * committed when it answers, before any of its mails' end of DATA.
   */
  roundStatement(
    outcomes: readonly DeliveryOutcome[],
    ids: readonly string[],
    opts: { tenantId: string; now: Date; owner: string; leaseUntil: Date },
  ): { sql: string; params: unknown[] } {
    const [tenantId, done, now, owner, kinds, statuses, codes, providers, nextAts] = recordParams(opts.tenantId, outcomes, opts);
    return {
      sql: `SELECT id FROM app.mail_round($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS id`,
      params: [tenantId, now, owner, opts.leaseUntil, done, kinds, statuses, codes, providers, nextAts, ids],
    };
  },

  /**
   * Leases that ran out: their worker stopped. What it had handed to SMTP may have gone out, so it
   * is closed as 'unconfirmed' and never resent; what it had not handed over is queued again.
   */
  async expireLeases(tx: TenantTx, now: Date): Promise<ExpiredLeases> {
    const rows = returning<{ requeued: boolean }>(
      await tx.query(
        `UPDATE mail_messages SET
                status = CASE WHEN handed_off_at IS NULL THEN 'queued' ELSE 'unconfirmed' END,
                finished_at = CASE WHEN handed_off_at IS NULL THEN NULL ELSE $2::timestamptz END,
                variables = CASE WHEN handed_off_at IS NULL THEN variables END,
                next_attempt_at = CASE WHEN handed_off_at IS NULL THEN $2::timestamptz ELSE next_attempt_at END,
                lease_owner = CASE WHEN handed_off_at IS NULL THEN NULL ELSE lease_owner END,
                lease_until = NULL,
                last_error = CASE WHEN handed_off_at IS NULL THEN 'lease expired before the hand-off to SMTP: queued again'
                                  ELSE 'lease expired during send: outcome unknown, not resent' END,
                updated_at = $2
          WHERE tenant_id = $1 AND status = 'sending' AND lease_until < $2
          RETURNING handed_off_at IS NULL AS requeued`,
        [tx.tenantId, now],
      ),
    );
    const requeued = rows.filter((r) => r.requeued).length;
    return { requeued, unconfirmed: rows.length - requeued };
  },

  /**
   * An unsubscribe or bounce since the mail was queued is honoured by the very next send, and so
   * is a processing restriction for marketing mail.
   */
  async suppressDue(tx: TenantTx, now: Date): Promise<number> {
    const rows = returning(
      await tx.query(
        `UPDATE mail_messages m SET status = 'suppressed', finished_at = $2, updated_at = $2, variables = NULL
          WHERE m.tenant_id = $1 AND m.status = 'queued' AND m.next_attempt_at <= $2
            AND (EXISTS (SELECT 1 FROM mail_suppressions s
                          WHERE s.tenant_id = $1 AND s.address_hash = m.address_hash
                            AND (s.category = '*' OR s.category = m.category))
                 -- marketing queued before the person objected or asked for restriction (art. 21 / 18)
                 OR (m.category = ANY($3::text[]) AND ${processingRestrictedSql('$1', 'm.person_id')}))
          RETURNING m.id`,
        [tx.tenantId, now, RESTRICTED_MAIL_CATEGORIES],
      ),
    );
    return rows.length;
  },
};
