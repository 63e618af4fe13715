import { Injectable, NotFoundException } from '@nestjs/common';
import { labelForHost } from '../../libs/plugin-api/src/index.js';
import { Clock, RequestContext, TenantDb, ValidationProblem, refusedValueProblems } from '../../libs/tenant-host/src/index.js';
import { PAYROLL_DATA, PAYROLL_NOTE } from './winwinwerkt.fields.js';
import { winwinwerktLabels } from './winwinwerkt.labels.js';
import type { RELATION_KINDS } from './winwinwerkt.dto.js';

/**
 * Statement 4: "Wij verwijderen de gegevens ... als blijkt dat de relatie sterk verouderd is". The
 * statement names no term; WinWinWerkt declares two years after staff mark a relation ended, and
 * contact-form messages follow the same term from when they arrived, unless deleted on request.
 */
export const RELATION_SCHEDULE = { yearsAfterEnd: 2 } as const;

/** The text next to the newsletter box, with its version: what is recorded with every opt-in (3.4). */
export const NEWSLETTER_OPT_IN = {
  version: '2021-11',
  text: 'Ja, ik wil de digitale nieuwsbrief van WinWinWerkt ontvangen. Afmelden kan altijd, via de link in elke nieuwsbrief.',
} as const;

const label = () => labelForHost({ labels: winwinwerktLabels }, RequestContext.host())?.key ?? null;

export function yearsLater(d: Date, years: number): Date {
  const out = new Date(d);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

/** WinWinWerkt's CRM records: contact-form messages, newsletter opt-ins and business relations. */
@Injectable()
export class CrmService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  /** 3.3: a label's contact form; kept in the CRM until the person asks for deletion or the term ends. */
  contact(input: { name: string; email: string; phone?: string; message: string }) {
    const problems = [...refusedValueProblems(PAYROLL_DATA, input.message, 'message', PAYROLL_NOTE), ...refusedValueProblems(PAYROLL_DATA, input.name, 'name', PAYROLL_NOTE)];
    if (problems.length) throw new ValidationProblem(problems);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO winwinwerkt_contact_messages (tenant_id, label, name, email, phone, message, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [tx.tenantId, label(), input.name, input.email.toLowerCase(), input.phone ?? null, input.message, this.clock.now()],
      );
      return { id: row.id, label: label() };
    });
  }

  /** 3.4: "Ook wordt geregistreerd op welke manier je via opt-in ... bent binnengekomen." */
  subscribe(input: { firstName: string; lastName: string; company?: string; email: string }) {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO winwinwerkt_newsletter_subscriptions (tenant_id, email, first_name, last_name, company, form, label, text_shown, text_version, opted_in_at)
         VALUES ($1, $2, $3, $4, $5, 'newsletter-form', $6, $7, $8, $9)
         ON CONFLICT (tenant_id, email) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, company = EXCLUDED.company,
           form = EXCLUDED.form, label = EXCLUDED.label, text_shown = EXCLUDED.text_shown, text_version = EXCLUDED.text_version, opted_in_at = EXCLUDED.opted_in_at`,
        [tx.tenantId, input.email.toLowerCase(), input.firstName, input.lastName, input.company ?? null, label(), NEWSLETTER_OPT_IN.text, NEWSLETTER_OPT_IN.version, now],
      );
      return { subscribed: true, label: label(), textVersion: NEWSLETTER_OPT_IN.version, optedInAt: now };
    });
  }

  createRelation(input: { kind: (typeof RELATION_KINDS)[number]; organisation: string; contactName: string; email: string; phone?: string }) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO winwinwerkt_relations (tenant_id, kind, organisation, contact_name, email, phone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [tx.tenantId, input.kind, input.organisation, input.contactName, input.email.toLowerCase(), input.phone ?? null, this.clock.now()],
      );
      return { id: row.id, kind: input.kind, endedAt: null, deleteAfter: null };
    });
  }

  /** Staff mark the relation ended: from then it follows the declared schedule. */
  endRelation(id: string) {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const [row] = await tx.query<{ id: string; ended_at: Date; delete_after: Date }>(
        // A CTE, so the driver answers rows (an UPDATE ... RETURNING comes back as [rows, count]).
        `WITH u AS (UPDATE winwinwerkt_relations SET ended_at = COALESCE(ended_at, $3), delete_after = COALESCE(delete_after, $4)
          WHERE tenant_id = $1 AND id = $2 RETURNING id, ended_at, delete_after) SELECT * FROM u`,
        [tx.tenantId, id, now, yearsLater(now, RELATION_SCHEDULE.yearsAfterEnd)],
      );
      if (!row) throw new NotFoundException('No such relation');
      return { id: row.id, endedAt: row.ended_at, deleteAfter: row.delete_after };
    });
  }

  /** Deleted on request: the relation and every contact-form message from its address. */
  deleteRelation(id: string) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ email: string }>(`WITH d AS (DELETE FROM winwinwerkt_relations WHERE tenant_id = $1 AND id = $2 RETURNING email) SELECT email FROM d`, [tx.tenantId, id]);
      if (!row) throw new NotFoundException('No such relation');
      await tx.query(`DELETE FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND lower(email) = $2`, [tx.tenantId, row.email]);
      return { deleted: true };
    });
  }

  /**
   * 3.3: "Als je dit niet (meer) wilt kan je dit laten weten. Wij verwijderen dan alle gegevens."
   * Staff delete everything the CRM keeps under an address: contact messages, the newsletter
   * subscription and relations.
   */
  eraseAddress(email: string) {
    const address = email.toLowerCase();
    return this.db.transaction(async (tx) => {
      const count = async (sql: string) => (await tx.query(`WITH d AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM d`, [tx.tenantId, address]))[0].n as number;
      return {
        contactMessages: await count(`DELETE FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND lower(email) = $2`),
        newsletter: await count(`DELETE FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`),
        relations: await count(`DELETE FROM winwinwerkt_relations WHERE tenant_id = $1 AND email = $2`),
      };
    });
  }

  /** The schedule: ended relations past their term, and contact messages past theirs, go. */
  sweep() {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const relations = await tx.query(`WITH d AS (DELETE FROM winwinwerkt_relations WHERE tenant_id = $1 AND delete_after <= $2 RETURNING id) SELECT id FROM d`, [tx.tenantId, now]);
      const messages = await tx.query(
        `WITH d AS (DELETE FROM winwinwerkt_contact_messages m WHERE m.tenant_id = $1 AND m.received_at <= $2
            AND NOT EXISTS (SELECT 1 FROM winwinwerkt_relations r WHERE r.tenant_id = $1 AND r.email = lower(m.email) AND r.ended_at IS NULL)
         RETURNING id) SELECT id FROM d`,
        [tx.tenantId, yearsLater(now, -RELATION_SCHEDULE.yearsAfterEnd)],
      );
      return { relations: relations.length, messages: messages.length };
    });
  }
}
