import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { TenantEventsService } from '../../privacy/src/index.js';
import type { PersonKind } from '../../plugin-api/src/index.js';
import { addressHash, normaliseAddress } from './address.js';
import { OPTIONAL_CATEGORIES, SuppressionService } from './suppression.service.js';

export type BounceKind = 'hard-bounce' | 'soft-bounce' | 'complaint';

/** One recipient's fate, from a delivery-status report or a provider's webhook. */
export interface BounceNotice {
  readonly kind: BounceKind;
  readonly address: string;
  /** Our Message-ID header of the original mail (`<id@domain>`), when the report carries it. */
  readonly messageIdHeader?: string | null;
  /** RFC 3463 status, e.g. 5.1.1. */
  readonly status?: string | null;
}

export interface BounceOutcome {
  readonly hardBounces: number;
  readonly softBounces: number;
  readonly complaints: number;
}

interface MessageRef {
  id: string;
  person_id: string | null;
  person_kind: PersonKind | null;
}

/**
 * What a bounce does: a hard bounce suppresses the address for every category and tells the tenant
 * (statement 003 deletes the profile of a jobseeker whose reminder bounced); a complaint stops all
 * but transactional mail; a soft bounce is only noted. The tenant's handler runs inside the same
 * transaction, so a suppression and the erasure it triggers commit together.
 */
@Injectable()
export class MailBouncesService {
  constructor(
    private readonly db: TenantDb,
    private readonly suppressions: SuppressionService,
    private readonly events: TenantEventsService,
    private readonly audit: AuditService,
  ) {}

  async apply(notices: readonly BounceNotice[]): Promise<BounceOutcome> {
    return this.db.transaction(async (tx) => {
      let hardBounces = 0;
      let softBounces = 0;
      let complaints = 0;
      for (const n of notices) {
        if (n.kind === 'hard-bounce') {
          await this.hardBounce(tx, n);
          hardBounces++;
        } else if (n.kind === 'complaint') {
          await this.complaint(tx, n);
          complaints++;
        } else {
          await this.note(tx, n);
          softBounces++;
        }
      }
      return { hardBounces, softBounces, complaints };
    });
  }

  async hardBounce(tx: TenantTx, notice: Omit<BounceNotice, 'kind'> & { messageId?: string }): Promise<void> {
    const address = normaliseAddress(notice.address);
    const hash = addressHash(tx.tenantId, address);
    const forgotten = await this.forgottenMessage(tx, notice.messageIdHeader ?? null, notice.messageId ?? null);
    if (forgotten) {
      // The last mail to an erased person: suppressing its address would keep a hash of it for good.
      await this.audit.record({ action: 'mail.hard-bounce', subjectType: 'mail-message', subjectId: forgotten, details: { status: notice.status ?? null } }, tx);
      return;
    }
    const message = await this.findMessage(tx, hash, notice.messageIdHeader ?? null, notice.messageId ?? null);
    const personId = message?.person_id ?? null;
    const personKind = message?.person_kind ?? null;
    await this.suppressions.suppress(tx, hash, '*', 'hard-bounce', personId);
    if (message)
      await tx.query(`UPDATE mail_messages SET status = 'bounced', last_error = $3 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        message.id,
        `bounce ${notice.status ?? ''}`.trim(),
      ]);
    // About the person when the mail names one (their pseudonym in the log), else about the mail.
    await this.audit.record(
      personId
        ? { action: 'mail.hard-bounce', subjectType: 'person', subjectId: personId, details: { messageId: message?.id ?? null, status: notice.status ?? null } }
        : { action: 'mail.hard-bounce', subjectType: 'mail-message', subjectId: message?.id ?? null, details: { status: notice.status ?? null } },
      tx,
    );
    await this.events.emit('mail.hard-bounce', { address, personId, personKind });
  }

  private async complaint(tx: TenantTx, notice: BounceNotice): Promise<void> {
    const hash = addressHash(tx.tenantId, notice.address);
    const message = await this.findMessage(tx, hash, notice.messageIdHeader ?? null, null);
    for (const category of OPTIONAL_CATEGORIES)
      await this.suppressions.suppress(tx, hash, category, 'complaint', message?.person_id ?? null);
    await this.audit.record(
      message?.person_id
        ? { action: 'mail.complaint', subjectType: 'person', subjectId: message.person_id, details: { messageId: message.id } }
        : { action: 'mail.complaint', subjectType: 'mail-message', subjectId: message?.id ?? null },
      tx,
    );
  }

  private async note(tx: TenantTx, notice: BounceNotice): Promise<void> {
    const hash = addressHash(tx.tenantId, notice.address);
    const message = await this.findMessage(tx, hash, notice.messageIdHeader ?? null, null);
    if (message)
      await tx.query(`UPDATE mail_messages SET last_error = $3 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        message.id,
        `soft bounce ${notice.status ?? ''}`.trim(),
      ]);
  }

  /** A mail enqueued with forgetRecipient (sent to someone whose data was erased), by its id or Message-ID. */
  private async forgottenMessage(tx: TenantTx, header: string | null, id: string | null): Promise<string | null> {
    if (!header && !id) return null;
    const [row] = await tx.query<{ id: string }>(
      `SELECT id FROM mail_messages
        WHERE tenant_id = $1 AND forget_recipient AND ($2::uuid IS NULL OR id = $2) AND ($3::text IS NULL OR message_id_header = $3)
        LIMIT 1`,
      [tx.tenantId, id, header],
    );
    return row?.id ?? null;
  }

  /** The mail the report is about: by its Message-ID, else the latest one sent to the address. */
  private async findMessage(tx: TenantTx, hash: string, header: string | null, id: string | null): Promise<MessageRef | null> {
    const rows = await tx.query<MessageRef>(
      `SELECT id, person_id, person_kind FROM mail_messages
        WHERE tenant_id = $1 AND address_hash = $2
          AND ($3::uuid IS NULL OR id = $3) AND ($4::text IS NULL OR message_id_header = $4)
        ORDER BY created_at DESC LIMIT 1`,
      [tx.tenantId, hash, id, header],
    );
    if (rows[0] || (!header && !id)) return rows[0] ?? null;
    return this.findMessage(tx, hash, null, null);
  }
}
