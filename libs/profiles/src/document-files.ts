import { Injectable, Logger } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { FileStorage } from '../../storage/src/index.js';

/** How long stored bytes may wait for the row that owns them before the sweep takes them as orphans. */
const UNCLAIMED_GRACE_MS = 3600_000;
const SWEEP_BATCH = 500;

/**
 * Document files are deleted durably. The file store is outside the database transaction, so
 * "delete the file once the row is gone for good" was a promise kept in memory: a process killed
 * after COMMIT, or between storing an upload's bytes and committing its row, left the document (a
 * CV with name and address) on disk for ever, referenced by nothing. Every file that must go is
 * written to `document_file_deletions` in the transaction that decides it, deleted right after
 * COMMIT, and otherwise by the sweep.
 */
@Injectable()
export class DocumentFiles {
  private readonly logger = new Logger('document-files');

  constructor(
    private readonly db: TenantDb,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the bytes of a document whose row is not committed yet. Until `claim` runs in the
   * transaction that commits that row, the file counts as an orphan and the sweep deletes it.
   */
  async storeUnclaimed(key: string, bytes: Buffer): Promise<void> {
    const due = new Date(this.clock.now().getTime() + UNCLAIMED_GRACE_MS);
    await this.db.transaction((tx) => this.schedule(tx, [key], due));
    await this.storage.put(key, bytes);
  }

  /** The row that owns the file commits in this transaction: the file stays. */
  async claim(tx: TenantTx, key: string): Promise<void> {
    await tx.query(`DELETE FROM document_file_deletions WHERE tenant_id = $1 AND storage_key = $2`, [tx.tenantId, key]);
  }

  /** The rows are gone in this transaction; the files go once it commits, or at the next sweep. */
  async deleteAfterCommit(tx: TenantTx, keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    await this.schedule(tx, keys, this.clock.now());
    tx.afterCommit(() => this.deleteNow(keys).catch((err) => this.logger.warn({ err }, 'file deletion left to the sweep')));
  }

  /** Deletes the files and their pending entries now (an upload that failed, a commit that happened). */
  async deleteNow(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.storage.delete(key);
    await this.db.transaction((tx) =>
      tx.query(`DELETE FROM document_file_deletions WHERE tenant_id = $1 AND storage_key = ANY($2::text[])`, [tx.tenantId, [...keys]]),
    );
  }

  /** The current tenant's due deletions: files whose deletion was decided but not done. Returns how many. */
  async sweep(): Promise<number> {
    let done = 0;
    for (;;) {
      const keys = await this.db.transaction(async (tx) =>
        (
          await tx.query<{ storage_key: string }>(
            `SELECT storage_key FROM document_file_deletions WHERE tenant_id = $1 AND due_at <= $2 ORDER BY due_at LIMIT $3`,
            [tx.tenantId, this.clock.now(), SWEEP_BATCH],
          )
        ).map((r) => r.storage_key),
      );
      if (!keys.length) return done;
      await this.deleteNow(keys);
      done += keys.length;
      if (keys.length < SWEEP_BATCH) return done;
    }
  }

  private async schedule(tx: TenantTx, keys: readonly string[], due: Date): Promise<void> {
    await tx.query(
      `INSERT INTO document_file_deletions (tenant_id, storage_key, due_at)
       SELECT $1, k, $3 FROM unnest($2::text[]) AS k
       ON CONFLICT (tenant_id, storage_key) DO UPDATE SET due_at = LEAST(document_file_deletions.due_at, EXCLUDED.due_at)`,
      [tx.tenantId, [...keys], due],
    );
  }
}
