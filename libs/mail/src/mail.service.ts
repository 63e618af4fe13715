import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/validation-problem.js';
import { labelForHost, type PersonKind } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
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
    const tenant = RequestContext.tenant();
    if (tenant.id !== tx.tenantId) throw new Error('the transaction belongs to another tenant than the context');
    if (!isDeliverableAddress(msg.to?.address))
      throw new ValidationProblem([{ field: 'to.address', reason: 'must be a valid e-mail address' }]);
    const def = this.registry.for(tenant);
    // Mail sent while serving a label's site carries that label's look and sender (statement 003).
    const brand = msg.brand ?? labelForHost(def, RequestContext.host())?.key ?? undefined;
    const template = this.templates.resolve(def, msg.template, msg.to.locale, brand);
    this.templates.check(template, msg.variables);

    const address = normaliseAddress(msg.to.address);
    const hash = addressHash(tx.tenantId, address);
    const suppressed =
      (await this.suppressions.isSuppressed(tx, hash, template.category)) ||
      (await this.restricted(tx, msg.to.personId, template.category));
    const id = randomUUID();
    const now = this.clock.now();
    const domain = template.branding.senderAddress.split('@')[1] ?? 'localhost';
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO mail_messages (tenant_id, id, idempotency_key, template, category, locale, brand, recipient_address,
                                  address_hash, person_id, person_kind, variables, status, next_attempt_at,
                                  message_id_header, created_at, updated_at, finished_at, about_person_id, forget_recipient)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $14, $16, $17, $18)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING id`,
      [
        tx.tenantId,
        id,
        msg.idempotencyKey ?? id,
        template.key,
        template.category,
        template.locale,
        brand ?? null,
        address,
        hash,
        msg.to.personId ?? null,
        msg.to.personKind ?? null,
        suppressed ? null : JSON.stringify(msg.variables),
        suppressed ? 'suppressed' : 'queued',
        now,
        `<${id}@${domain}>`,
        suppressed ? now : null,
        msg.about ?? null,
        msg.forgetRecipient === true,
      ],
    );
    if (!inserted.length) {
      const [existing] = await tx.query<{ id: string; status: string }>(
        `SELECT id, status FROM mail_messages WHERE tenant_id = $1 AND idempotency_key = $2`,
        [tx.tenantId, msg.idempotencyKey],
      );
      return { messageId: existing.id, suppressed: existing.status === 'suppressed' };
    }
    if (!suppressed) tx.afterCommit(() => this.signal.notify());
    return { messageId: id, suppressed };
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
