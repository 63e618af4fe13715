import { GoneException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { DeferredWork } from '../../auth/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import { RequestContext, type TenantRef } from '../../context/src/index.js';
import { ErasureService } from '../../privacy/src/index.js';
import { ProfileDocumentsService, type OwnDocumentFile } from '../../profiles/src/index.js';
import { FileStorage } from '../../storage/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { declaredFields } from './declared-data.js';
import { DossierOpenings } from './dossier-openings.service.js';
import { archivePath, writeExportArchive } from './export-archive.js';
import { jsonResume } from './json-resume.js';
import type { Finisher } from './rights-execution.js';
import type { RightsRequestRow } from './rights-request.js';
import { RightsMailer } from './rights-mailer.js';
import { RightsRequestsStore } from './rights-requests.store.js';

/** A download link is good for a week and for one download. */
const LINK_DAYS = 7;
export const EXPORT_FORMAT = 'rights-export/1';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How far the build of a person's export has come, as the person reads it. */
export interface ExportProgress {
  status: 'building' | 'ready' | 'downloaded' | 'failed';
  stepsDone: number;
  stepsTotal: number;
  percent: number;
  expiresAt: string | null;
}

/** What a download hands over: the archive's bytes as they come from the file store. */
export interface ExportDownload {
  stream: Readable;
  fileName: string;
}

/**
 * The copy of their data a person asks for (art. 15) or takes elsewhere (art. 20): one ZIP archive
 * with the JSON document (docs/rights/export.schema.json), the person's documents as stored and
 * the CV part as a JSON Resume document. Built in the background and streamed into the file store,
 * counting its steps so the person can follow it; fetched once through a link that expires, after
 * which the archive is deleted. Building and downloading are audited.
 */
@Injectable()
export class RightsExports {
  private readonly logger = new Logger('rights-exports');

  constructor(
    private readonly db: TenantDb,
    private readonly requests: RightsRequestsStore,
    private readonly erasure: ErasureService,
    private readonly registry: TenantRegistry,
    private readonly openings: DossierOpenings,
    private readonly documents: ProfileDocumentsService,
    private readonly storage: FileStorage,
    private readonly mailer: RightsMailer,
    private readonly audit: AuditService,
    private readonly deferred: DeferredWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Queues the build after the caller's commit; a second completion while it builds adds nothing. */
  async schedule(tx: TenantTx, r: RightsRequestRow, finish: Finisher): Promise<void> {
    const [building] = await tx.query<{ id: string }>(
      `SELECT id FROM rights_exports WHERE tenant_id = $1 AND request_id = $2 AND status = 'building'`,
      [tx.tenantId, r.id],
    );
    if (building) return;
    // The key is the row's before any byte is written, so no archive exists that no row names; it
    // names the tenant and the export, never the person.
    const id = randomUUID();
    const archiveKey = `rights-exports/${tx.tenantId}/${id}`;
    await tx.query(
      `INSERT INTO rights_exports (tenant_id, id, request_id, person_id, status, archive_key, created_at) VALUES ($1, $2, $3, $4, 'building', $5, $6)`,
      [tx.tenantId, id, r.id, r.personId, archiveKey, this.clock.now()],
    );
    const tenant = RequestContext.tenant();
    tx.afterCommit(() =>
      this.deferred.later('rights export', () =>
        this.build(tenant, id, r.id, archiveKey, finish).catch(async (err: unknown) => {
          // A failed build must not block the request: completing it again schedules a new one.
          await this.db.forTenant(tenant, (t) =>
            t.query(`UPDATE rights_exports SET status = 'failed' WHERE tenant_id = $1 AND id = $2`, [t.tenantId, id]),
          );
          await this.storage.delete(archiveKey);
          throw err;
        }),
      ),
    );
  }

  /**
   * Gathers the data in one unit of work, streams the archive into the file store outside it
   * (counting a step per document in short units of its own, so the person sees the count move),
   * then marks it ready, mails the link and completes the request in a last unit of work.
   */
  async build(tenant: TenantRef, exportId: string, requestId: string, archiveKey: string, finish: Finisher): Promise<void> {
    const gathered = await this.db.forTenant(tenant, async (tx) => {
      const r = await this.requests.find(tx, requestId);
      if (!r || !r.personId || r.status === 'completed' || r.status === 'refused') return null;
      const { document, values } = await this.document(tx, r);
      const files = await this.documents.ownFiles(tx, r.personId);
      // Steps: the data gathered, each document, the archive stored, the link mailed.
      await this.progress(tx, exportId, 1, files.length + 3);
      return { document, values, files };
    });
    if (!gathered) {
      await this.abandon(tenant, exportId, archiveKey);
      return;
    }
    const { document, values, files } = gathered;
    let done = 1;
    await writeExportArchive(this.storage, archiveKey, {
      document: { ...document, documents: withPaths(document.documents as Listed[], files) },
      resume: jsonResume(values, this.registry.current().rights?.resume),
      files,
      onFileDone: () => this.db.forTenant(tenant, (tx) => this.progress(tx, exportId, ++done)),
      mtime: this.clock.now(),
    });
    await this.db.forTenant(tenant, (tx) => this.progress(tx, exportId, ++done));
    const finished = await this.db.forTenant(tenant, async (tx) => {
      const r = await this.requests.find(tx, requestId, { lock: true });
      // Refused or erased while it was being built: nothing is handed over.
      if (!r || !r.personId || r.status === 'completed' || r.status === 'refused') return false;
      const token = randomBytes(32).toString('base64url');
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + LINK_DAYS * 86_400_000);
      await tx.query(
        `UPDATE rights_exports SET status = 'ready', steps_done = steps_total, token_hash = $3, ready_at = $4, expires_at = $5 WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, exportId, sha256(token), now, expiresAt],
      );
      await this.audit.record(
        { action: 'rights.export.build', subjectType: 'person', subjectId: r.personId, details: { request: r.id, export: exportId, documents: files.length } },
        tx,
      );
      // The portal's page for the link, so a person opens it in the browser they are signed in with;
      // API clients take the token to GET /rights/exports/:token.
      const url = new URL(`/t/${tenant.key}/my-data/exports/${token}`, this.config.PUBLIC_BASE_URL);
      await this.mailer.toPerson(tx, r, 'export-ready', {
        downloadUrl: url.toString(),
        expiresAt: expiresAt.toISOString().slice(0, 10),
      });
      await finish(tx, r, {});
      return true;
    });
    if (!finished) await this.abandon(tenant, exportId, archiveKey);
  }

  /** How far the person's latest export for one of their requests has come; anyone else's is unknown. */
  async progressOf(personId: string, requestId: string): Promise<ExportProgress> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ status: ExportProgress['status']; stepsDone: number; stepsTotal: number; expiresAt: Date | null }>(
        `SELECT status, steps_done AS "stepsDone", steps_total AS "stepsTotal", expires_at AS "expiresAt" FROM rights_exports
          WHERE tenant_id = $1 AND request_id = $2 AND person_id = $3 ORDER BY created_at DESC LIMIT 1`,
        [tx.tenantId, requestId, personId],
      );
      if (!row) throw new NotFoundException('no export for this request');
      const ready = row.status === 'ready' || row.status === 'downloaded';
      return {
        status: row.status,
        stepsDone: row.stepsDone,
        stepsTotal: row.stepsTotal,
        percent: ready ? 100 : row.stepsTotal ? Math.floor((100 * row.stepsDone) / row.stepsTotal) : 0,
        expiresAt: row.expiresAt?.toISOString() ?? null,
      };
    });
  }

  /**
   * The person's own download: once, before it expires; anyone else's token is unknown to them.
   * The archive is opened before the download is recorded and deleted once it has been read: it is
   * not kept as a second store of their data.
   */
  async download(personId: string, token: string): Promise<ExportDownload> {
    const { stream, key } = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string; personId: string; status: string; expiresAt: Date; archiveKey: string | null }>(
        `SELECT id, person_id AS "personId", status, expires_at AS "expiresAt", archive_key AS "archiveKey" FROM rights_exports
          WHERE tenant_id = $1 AND token_hash = $2 FOR UPDATE`,
        [tx.tenantId, sha256(token)],
      );
      if (!row || row.personId !== personId) throw new NotFoundException('no such export');
      if (row.status !== 'ready') throw new GoneException('this link was used already');
      if (row.expiresAt <= this.clock.now()) throw new GoneException('this link has expired');
      const opened = row.archiveKey ? await this.storage.getStream(row.archiveKey) : null;
      if (!opened) throw new GoneException('this export is no longer available');
      await tx.query(
        `UPDATE rights_exports SET status = 'downloaded', downloaded_at = $3, archive_key = NULL WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, row.id, this.clock.now()],
      );
      await this.audit.record(
        { action: 'rights.export.download', subjectType: 'person', subjectId: personId, details: { export: row.id } },
        tx,
      );
      return { stream: opened, key: row.archiveKey! };
    });
    // The open stream reads on after the name is gone; a crash before this leaves it to the sweep.
    stream.once('close', () => void this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err }, 'archive left to the sweep')));
    return { stream, fileName: `export-${this.clock.now().toISOString().slice(0, 10)}.zip` };
  }

  /** Deletes the archives the person's exports still name, once the unit that forgets them commits. */
  async removeArchivesAfterCommit(tx: TenantTx, keys: readonly string[]): Promise<void> {
    if (keys.length)
      tx.afterCommit(() =>
        Promise.all(keys.map((k) => this.storage.delete(k))).then(
          () => undefined,
          (err: unknown) => this.logger.error({ err }, 'an erased person\'s export archive could not be deleted'),
        ),
      );
  }

  /**
   * Archives nobody will fetch any more (expired, failed, or downloaded by a process that stopped
   * before deleting): deleted, and the row no longer names them. Returns how many.
   */
  async sweepArchives(tx: TenantTx): Promise<number> {
    const spent = await tx.query<{ id: string; archive_key: string }>(
      `SELECT id, archive_key FROM rights_exports
        WHERE tenant_id = $1 AND archive_key IS NOT NULL
          AND (status IN ('failed', 'downloaded') OR (status = 'ready' AND expires_at <= $2))
        FOR UPDATE SKIP LOCKED`,
      [tx.tenantId, this.clock.now()],
    );
    for (const s of spent) await this.storage.delete(s.archive_key);
    if (spent.length)
      await tx.query(`UPDATE rights_exports SET archive_key = NULL WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        tx.tenantId,
        spent.map((s) => s.id),
      ]);
    return spent.length;
  }

  private async progress(tx: TenantTx, exportId: string, done: number, total?: number): Promise<void> {
    await tx.query(
      `UPDATE rights_exports SET steps_done = $3, steps_total = COALESCE($4, steps_total) WHERE tenant_id = $1 AND id = $2 AND status = 'building'`,
      [tx.tenantId, exportId, done, total ?? null],
    );
  }

  private async abandon(tenant: TenantRef, exportId: string, archiveKey: string): Promise<void> {
    await this.storage.delete(archiveKey);
    await this.db.forTenant(tenant, (tx) =>
      tx.query(`UPDATE rights_exports SET status = 'failed', archive_key = NULL WHERE tenant_id = $1 AND id = $2 AND status = 'building'`, [
        tx.tenantId,
        exportId,
      ]),
    );
  }

  private async document(tx: TenantTx, r: RightsRequestRow): Promise<{ document: Record<string, unknown>; values: Record<string, unknown> }> {
    const def = this.registry.current();
    const held = await this.erasure.export(r.personId!);
    const profile = (held.profiles ?? null) as { fields?: Record<string, unknown>; documents?: unknown[] } | null;
    const values = profile?.fields ?? {};
    const { profiles: _profile, consent, applications, connections, mail, ...others } = held;
    const document = {
      format: EXPORT_FORMAT,
      generatedAt: this.clock.now().toISOString(),
      tenant: { key: RequestContext.tenant().key, name: def.name },
      request: { reference: r.reference, kind: r.kind },
      fields: declaredFields(def)
        .filter((f) => values[f.key] !== undefined)
        .map((f) => ({ key: f.key, label: f.label, value: values[f.key], purpose: f.purpose, audience: f.audience, retention: f.retention })),
      documents: profile?.documents ?? [],
      consents: consent ?? null,
      applications: applications ?? null,
      connections: connections ?? null,
      mails: mail ?? null,
      accessLog: await this.openings.list(tx, r.personId!),
      other: others,
    };
    return { document, values };
  }
}

type Listed = { id?: string } & Record<string, unknown>;

/** Each listed document says where its bytes are in the archive. */
function withPaths(listed: readonly Listed[], files: readonly OwnDocumentFile[]): Listed[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  return listed.map((d) => {
    const f = d.id ? byId.get(d.id) : undefined;
    return f ? { ...d, archivePath: archivePath(f) } : d;
  });
}
