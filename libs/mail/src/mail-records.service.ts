import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '../../config/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { addressHash } from './address.js';
import { returning } from './returning.js';

export interface MailRecord {
  id: string;
  template: string;
  category: string;
  locale: string;
  status: string;
  attempts: number;
  personId: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  finishedAt: Date | null;
}

const RECORD_COLUMNS = `id, template, category, locale, status, attempts, person_id AS "personId",
  provider_message_id AS "providerMessageId", last_error AS "lastError", created_at AS "createdAt",
  sent_at AS "sentAt", finished_at AS "finishedAt"`;

/**
 * The record of sent mail, as staff and the person see it: metadata only (never the body, never the
 * variables), and the person's part of erasure and export.
 */
@Injectable()
export class MailRecordsService {
  constructor(
    private readonly db: TenantDb,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Records of mail that ended longer ago than the retention period go; returns how many. */
  async purgeFinished(tx: TenantTx): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.MAIL_RECORD_RETENTION_DAYS * 86_400_000);
    const rows = returning(
      await tx.query(
        `DELETE FROM mail_messages WHERE tenant_id = $1 AND finished_at < $2
            AND status IN ('sent', 'failed', 'suppressed', 'unconfirmed', 'bounced') RETURNING id`,
        [tx.tenantId, before],
      ),
    );
    return rows.length;
  }

  list(opts: { personId?: string; status?: string; limit?: number }): Promise<MailRecord[]> {
    return this.db.transaction((tx) =>
      tx.query<MailRecord>(
        `SELECT ${RECORD_COLUMNS} FROM mail_messages
          WHERE tenant_id = $1 AND ($2::uuid IS NULL OR person_id = $2) AND ($3::text IS NULL OR status = $3)
          ORDER BY created_at DESC, id LIMIT $4`,
        [tx.tenantId, opts.personId ?? null, opts.status ?? null, opts.limit ?? 50],
      ),
    );
  }

  /**
   * Queued and recorded mail of the person goes: mail to them (by person id, and by the address of
   * their account for mail enqueued without one) and mail to others about them. So do their opt-outs
   * and complaints, which are their choices; a hard bounce stays, unlinked, as a hash of an address
   * that no longer exists, so nobody mails it again.
   */
  erase(tx: TenantTx, personId: string): Promise<void> {
    return this.eraseMany(tx, [personId]);
  }

  /** The set-based form for the retention sweep: one statement per table for the whole batch. */
  async eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    if (!personIds.length) return;
    const hashes = await this.accountAddressHashes(tx, personIds);
    await tx.query(
      `DELETE FROM mail_messages
        WHERE tenant_id = $1 AND (person_id = ANY($2::uuid[]) OR about_person_id = ANY($2::uuid[]) OR address_hash = ANY($3::text[]))`,
      [tx.tenantId, personIds, hashes],
    );
    await tx.query(
      `DELETE FROM mail_suppressions
        WHERE tenant_id = $1 AND reason <> 'hard-bounce' AND (person_id = ANY($2::uuid[]) OR address_hash = ANY($3::text[]))`,
      [tx.tenantId, personIds, hashes],
    );
    await tx.query(`UPDATE mail_suppressions SET person_id = NULL WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [
      tx.tenantId,
      personIds,
    ]);
  }

  async export(tx: TenantTx, personId: string): Promise<unknown> {
    const messages = await tx.query<MailRecord>(
      `SELECT ${RECORD_COLUMNS} FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 ORDER BY created_at`,
      [tx.tenantId, personId],
    );
    const optOuts = await tx.query(
      `SELECT category, reason, created_at AS "createdAt" FROM mail_suppressions WHERE tenant_id = $1 AND person_id = $2`,
      [tx.tenantId, personId],
    );
    return { messages, optOuts };
  }

  private async accountAddressHashes(tx: TenantTx, personIds: readonly string[]): Promise<string[]> {
    const rows = await tx.query<{ email: string }>(`SELECT email FROM accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tx.tenantId,
      personIds,
    ]);
    return rows.map((r) => addressHash(tx.tenantId, r.email));
  }
}
