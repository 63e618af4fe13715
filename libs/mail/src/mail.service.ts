import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { labelForHost, type PersonKind } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { addressHash, isDeliverableAddress, normaliseAddress } from './address.js';
import { MailOutboxSignal } from './mail-outbox.signal.js';
import { MailTemplatesService } from './mail-templates.service.js';
import { SuppressionService } from './suppression.service.js';
import {
  RESTRICTED_MAIL_CATEGORIES,
  isProcessingRestricted,
} from '../../profiles/src/processing-restriction.js';

export interface OutgoingMail {
  /** Template key, declared by the tenant or a core default. */
  readonly template: string;
  readonly to: {
    readonly address: string;
    /** The person the mail is about (their account id, or their own row id): erasure finds it by this. */
    readonly personId?: string | null;
    readonly personKind?: PersonKind | null;
    /** Preferred locale; falls back to the tenant default, then the core default. */
    readonly locale?: string;
  };
  /** Exactly the template's declared variables. */
  readonly variables: Record<string, unknown>;
  /** Same key, same message: enqueueing twice (a retried request, a re-run job) sends once. */
  readonly idempotencyKey?: string;
  /** One of the tenant's brands (mail.brands), for its own layout and sender. */
  readonly brand?: string;
  /**
   * The person a mail to someone else is about (the jobseeker whose acceptance an employer is told
   * of): erasing that person removes the mail and its record too.
   */
  readonly about?: string | null;
  /**
   * Keep no trace of the recipient once the mail is final: address, its hash and person id are
   * cleared with the variables when it is sent or fails (the confirmation that someone's data was
   * erased). Delivery is unchanged; the record is left with template, status and times only.
   */
  readonly forgetRecipient?: boolean;
}

export interface EnqueuedMail {
  readonly messageId: string;
  /** True when the address is on the suppression list: the mail is recorded but never sent. */
  readonly suppressed: boolean;
  /** True when the idempotency key had already queued a mail: this call queued nothing new. */
  readonly existing: boolean;
}

/**
 * The one way to send mail: a row in the outbox, written in the caller's transaction, so a change
 * that rolls back sends nothing and a change that commits is never without its mail. The template
 * and variables are checked now, so a mistake fails the change instead of the delivery.
 */
@Injectable()
export class MailService {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly templates: MailTemplatesService,
    private readonly suppressions: SuppressionService,
    private readonly signal: MailOutboxSignal,
    private readonly clock: Clock,
  ) {}

  async enqueue(tx: TenantTx, msg: OutgoingMail): Promise<EnqueuedMail> {
    return (await this.enqueueMany(tx, [msg]))[0];
  }

  /**
   * Several mails in one statement (an import's invitations), in the caller's order: every message
   * is checked before any is written, so one bad message writes none.
   */
  async enqueueMany(tx: TenantTx, msgs: readonly OutgoingMail[]): Promise<EnqueuedMail[]> {
    if (!msgs.length) return [];
    const tenant = RequestContext.tenant();
    if (tenant.id !== tx.tenantId) throw new Error('the transaction belongs to another tenant than the context');
    const def = this.registry.for(tenant);
    const now = this.clock.now();
    const prepared = msgs.map((msg) => {
      if (!isDeliverableAddress(msg.to?.address))
        throw new ValidationProblem([{ field: 'to.address', reason: 'must be a valid e-mail address' }]);
      // Mail sent while serving a label's site carries that label's look and sender (statement 003).
      const brand = msg.brand ?? labelForHost(def, RequestContext.host())?.key ?? undefined;
      const template = this.templates.resolve(def, msg.template, msg.to.locale, brand);
      this.templates.check(template, msg.variables);
      const address = normaliseAddress(msg.to.address);
      const id = randomUUID();
      return { msg, brand, template, address, hash: addressHash(tx.tenantId, address), id, key: msg.idempotencyKey ?? id };
    });
    const suppressedAt = await this.suppressions.suppressedOf(
      tx,
      prepared.map((p) => ({ addressHash: p.hash, category: p.template.category })),
    );
    const suppressed: boolean[] = [];
    for (const [i, p] of prepared.entries())
      suppressed.push(suppressedAt[i] || (await this.restricted(tx, p.msg.to.personId, p.template.category)));
    const rows = prepared.map((p, i) => {
      const domain = p.template.branding.senderAddress.split('@')[1] ?? 'localhost';
      return {
        n: i,
        id: p.id,
        idempotency_key: p.key,
        template: p.template.key,
        category: p.template.category,
        locale: p.template.locale,
        brand: p.brand ?? null,
        recipient_address: p.address,
        address_hash: p.hash,
        person_id: p.msg.to.personId ?? null,
        person_kind: p.msg.to.personKind ?? null,
        variables: suppressed[i] ? null : p.msg.variables,
        status: suppressed[i] ? 'suppressed' : 'queued',
        message_id_header: `<${p.id}@${domain}>`,
        finished: suppressed[i],
        about_person_id: p.msg.about ?? null,
        forget_recipient: p.msg.forgetRecipient === true,
      };
    });
    const inserted = await tx.query<{ idempotency_key: string }>(
      `INSERT INTO mail_messages (tenant_id, id, idempotency_key, template, category, locale, brand, recipient_address,
                                  address_hash, person_id, person_kind, variables, status, next_attempt_at,
                                  message_id_header, created_at, updated_at, finished_at, about_person_id, forget_recipient)
       SELECT $1, m.id, m.idempotency_key, m.template, m.category, m.locale, m.brand, m.recipient_address,
              m.address_hash, m.person_id, m.person_kind, m.variables, m.status, $2,
              m.message_id_header, $2, $2, CASE WHEN m.finished THEN $2::timestamptz END, m.about_person_id, m.forget_recipient
         FROM jsonb_to_recordset($3::jsonb) AS m(n integer, id uuid, idempotency_key text, template text, category text, locale text,
              brand text, recipient_address text, address_hash text, person_id uuid, person_kind text, variables jsonb, status text,
              message_id_header text, finished boolean, about_person_id uuid, forget_recipient boolean)
        ORDER BY m.n
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING idempotency_key`,
      [tx.tenantId, now, JSON.stringify(rows)],
    );
    const fresh = new Set(inserted.map((r) => r.idempotency_key));
    // Same key, same message: a key already taken answers with the message that holds it (the
    // first of this batch, or one queued before).
    const byKey = new Map<string, EnqueuedMail>();
    prepared.forEach((p, i) => {
      if (fresh.has(p.key) && !byKey.has(p.key)) byKey.set(p.key, { messageId: p.id, suppressed: rows[i].status === 'suppressed', existing: false });
    });
    const earlier = prepared.filter((p) => !fresh.has(p.key)).map((p) => p.key);
    if (earlier.length)
      for (const r of await tx.query<{ id: string; status: string; idempotency_key: string }>(
        `SELECT id, status, idempotency_key FROM mail_messages WHERE tenant_id = $1 AND idempotency_key = ANY($2::text[])`,
        [tx.tenantId, earlier],
      ))
        byKey.set(r.idempotency_key, { messageId: r.id, suppressed: r.status === 'suppressed', existing: true });
    if ([...byKey.values()].some((m) => !m.suppressed && prepared.some((p) => p.id === m.messageId)))
      tx.afterCommit(() => this.signal.notify());
    return prepared.map((p) => byKey.get(p.key)!);
  }

  /**
   * An objection or restriction (GDPR art. 21 / 18) stops marketing to the person: recorded as
   * suppressed, never sent. Transactional mail and required notices are not in those categories.
   */
  private async restricted(tx: TenantTx, personId: string | null | undefined, category: string): Promise<boolean> {
    if (!personId || !RESTRICTED_MAIL_CATEGORIES.includes(category)) return false;
    return isProcessingRestricted(tx, personId);
  }
}
