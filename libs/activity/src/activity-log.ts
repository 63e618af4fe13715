import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TenantTx } from '../../database/src/index.js';
import type { ActivityEventKind } from '../../plugin-api/src/index.js';

/** One recorded event, as the person and their coach read it: what, when, and which mail. */
export interface ActivityEventRow {
  readonly kind: ActivityEventKind;
  readonly at: Date;
  /** The mail's template for opens and clicks; never the address a link led to. */
  readonly mail: string | null;
}

/** The activity capability's tables: events and when each nudge last went out. */
@Injectable()
export class ActivityLog {
  async signIn(tx: TenantTx, personId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO activity_events (tenant_id, id, person_id, kind, occurred_at) VALUES ($1, $2, $3, 'sign-in', $4)`,
      [tx.tenantId, randomUUID(), personId, at],
    );
  }

  /** The first open of a mail, and the first click on each of its links; repeats add nothing. */
  async mailEvent(
    tx: TenantTx,
    e: { personId: string; kind: 'mail-open' | 'mail-click'; messageId: string; template: string; link: number; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO activity_events (tenant_id, id, person_id, kind, mail_message_id, mail_template, link, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, mail_message_id, kind, link) WHERE mail_message_id IS NOT NULL DO NOTHING`,
      [tx.tenantId, randomUUID(), e.personId, e.kind, e.messageId, e.template, e.link, e.at],
    );
  }

  async forPerson(tx: TenantTx, personId: string, limit = 200): Promise<ActivityEventRow[]> {
    const rows = await tx.query<{ kind: ActivityEventKind; at: Date; mail: string | null }>(
      `SELECT kind, occurred_at AS at, mail_template AS mail FROM activity_events
        WHERE tenant_id = $1 AND person_id = $2 ORDER BY occurred_at DESC, id LIMIT $3`,
      [tx.tenantId, personId, limit],
    );
    return rows.map((r) => ({ kind: r.kind, at: new Date(r.at), mail: r.mail }));
  }

  async nudgesOf(tx: TenantTx, personId: string): Promise<{ rule: string; lastSentAt: Date }[]> {
    const rows = await tx.query<{ rule: string; last_sent_at: Date }>(
      `SELECT rule, last_sent_at FROM activity_nudges WHERE tenant_id = $1 AND person_id = $2 ORDER BY rule`,
      [tx.tenantId, personId],
    );
    return rows.map((r) => ({ rule: r.rule, lastSentAt: new Date(r.last_sent_at) }));
  }

  /**
   * Takes the right to nudge these people by a rule now: returns those whose last nudge by it was
   * sent at or before `cutoff` (or who never had one), and marks it sent. Two sweeps at once wait
   * on the row and the second finds it taken, so nobody gets the same nudge twice.
   */
  async claimNudges(tx: TenantTx, rule: string, personIds: readonly string[], now: Date, cutoff: Date): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    const rows = await tx.query<{ person_id: string }>(
      `INSERT INTO activity_nudges (tenant_id, person_id, rule, last_sent_at)
       SELECT $1, p, $3, $4 FROM unnest($2::uuid[]) AS p
       ON CONFLICT (tenant_id, person_id, rule) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at
        WHERE activity_nudges.last_sent_at <= $5
       RETURNING person_id`,
      [tx.tenantId, [...personIds], rule, now, cutoff],
    );
    return new Set(rows.map((r) => r.person_id));
  }

  async purgeBefore(tx: TenantTx, before: Date): Promise<number> {
    const [{ n }] = await tx.query<{ n: number }>(
      `WITH gone AS (DELETE FROM activity_events WHERE tenant_id = $1 AND occurred_at < $2 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [tx.tenantId, before],
    );
    return n;
  }

  async eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    if (!personIds.length) return;
    await tx.query(`DELETE FROM activity_events WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, [...personIds]]);
    await tx.query(`DELETE FROM activity_nudges WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, [...personIds]]);
  }
}
