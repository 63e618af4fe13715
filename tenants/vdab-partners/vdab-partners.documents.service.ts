import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  Clock,
  DocumentFiles,
  FileStorage,
  OrgUnitsService,
  TenantDb,
  ValidationProblem,
  receiveUpload,
  type TenantTx,
} from '../../libs/tenant-host/src/index.js';
import { DossierAccess, type Caller } from './vdab-partners.access.js';
import { ACTION_DOCUMENT_MAX_BYTES, ACTION_DOCUMENT_TYPES } from './vdab-partners.catalogue.js';

export interface UploadActionDocumentCommand {
  readonly caller: Caller;
  readonly dossierId: string;
  readonly actionId: string;
  /** The multipart request; its body is read only after the caller is let into the dossier. */
  readonly request: FastifyRequest;
}

/**
 * A document already read (by the portal's upload, within the same limit and typed by its bytes),
 * to attach as the API's upload does. Checked again here against the same rules.
 */
export interface AttachActionDocumentCommand {
  readonly caller: Caller;
  readonly dossierId: string;
  readonly actionId: string;
  readonly document: { readonly name: string; readonly bytes: Buffer; readonly contentType: string };
}

interface ReceivedDocument {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly originalName: string;
}

export interface ActionDocumentCommand {
  readonly caller: Caller;
  readonly dossierId: string;
  readonly actionId: string;
}

export interface ActionDocumentView {
  id: string;
  actionId: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  uploadedAt: string;
  /** The organisation that attached it (null: the service itself); partners never see which staff member. */
  organisation: { id: string; name: string } | null;
  /** Only in the service's own view: the account or credential that attached it. */
  uploadedBy?: string | null;
  credentialId?: string | null;
}

// The same answer as for a dossier that does not exist: an outsider learns nothing.
const noDossier = () => new NotFoundException('No such dossier');
const noAction = () => new NotFoundException('No such action in this dossier');
const noDocument = () => new NotFoundException('No such document');

/**
 * Documents attached to actions (statement 002: an action's "bijgevoegde documenten"). Every route
 * goes through the dossier's gate, so a partner outside an assignment gets 404 and a flagged log
 * entry, and every upload, listing and download is logged. The bytes are stored as the core stores
 * profile documents: before the row commits as an unclaimed file, claimed in the row's transaction,
 * deleted right away when anything after storing fails, so no row exists without its file and no
 * file outlives its row (the sweep finishes what a killed process left).
 */
@Injectable()
export class ActionDocumentsService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: DossierAccess,
    private readonly files: DocumentFiles,
    private readonly storage: FileStorage,
    private readonly units: OrgUnitsService,
    private readonly clock: Clock,
  ) {}

  upload(cmd: UploadActionDocumentCommand): Promise<ActionDocumentView> {
    return this.store(cmd, () =>
      receiveUpload(cmd.request, { accept: ACTION_DOCUMENT_TYPES, maxBytes: ACTION_DOCUMENT_MAX_BYTES, fallbackName: 'document' }),
    );
  }

  /**
   * The web's upload (the portal read the form's file): the same gate, rules and storing as
   * `upload`. The type and size are checked again, so nothing the API refuses gets in this way.
   */
  attach(cmd: AttachActionDocumentCommand): Promise<ActionDocumentView> {
    return this.store(cmd, async () => {
      const { bytes, contentType, name } = cmd.document;
      if (!bytes.length) throw new ValidationProblem([{ field: 'file', reason: 'is empty' }]);
      if (bytes.length > ACTION_DOCUMENT_MAX_BYTES) throw new ValidationProblem([{ field: 'file', reason: `must be at most ${ACTION_DOCUMENT_MAX_BYTES} bytes` }], 413);
      if (!(ACTION_DOCUMENT_TYPES as readonly string[]).includes(contentType))
        throw new ValidationProblem([{ field: 'file', reason: `must be one of ${ACTION_DOCUMENT_TYPES.join(', ')} (judged by its content)` }]);
      return { bytes, contentType, originalName: name.slice(0, 200) || 'document' };
    });
  }

  private async store(cmd: ActionDocumentCommand, receive: () => Promise<ReceivedDocument>): Promise<ActionDocumentView> {
    // Access first, before the body is read: a refusal is logged and flagged and answered 404.
    const allowed = await this.db.transaction(async (tx) => {
      const open = await this.access.open(tx, cmd.caller, cmd.dossierId, 'document.upload', { logAllowed: false });
      if (!open) return null;
      await this.attachableAction(tx, cmd.caller, open.assignment?.organisationId ?? null, cmd.dossierId, cmd.actionId);
      return { tenantId: tx.tenantId };
    });
    if (!allowed) throw noDossier();
    const received = await receive();
    // Named by nothing but the tenant and a random id: no folder or file name tells whose document it is.
    const storageKey = `${allowed.tenantId}/${randomUUID()}`;
    await this.files.storeUnclaimed(storageKey, received.bytes);
    let view: ActionDocumentView | null;
    try {
      view = await this.db.transaction(async (tx) => {
        // Checked again by the clock: an assignment that ended while the file travelled closes the door.
        const open = await this.access.open(tx, cmd.caller, cmd.dossierId, 'document.upload');
        if (!open) return null;
        const organisationId = open.assignment?.organisationId ?? null;
        await this.attachableAction(tx, cmd.caller, organisationId, cmd.dossierId, cmd.actionId);
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO vdab_action_documents (tenant_id, dossier_id, action_id, organisation_id, uploaded_by, credential_id,
                                              content_type, byte_size, sha256, original_name, storage_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [
            tx.tenantId, cmd.dossierId, cmd.actionId, organisationId,
            cmd.caller.kind === 'machine' ? null : cmd.caller.accountId,
            cmd.caller.kind === 'machine' ? cmd.caller.credentialId : null,
            received.contentType, received.bytes.length, createHash('sha256').update(received.bytes).digest('hex'),
            received.originalName, storageKey, this.clock.now(),
          ],
        );
        await this.files.claim(tx, storageKey);
        const [out] = await this.documents(tx, cmd.caller, cmd.actionId, row.id);
        return out;
      });
    } catch (err) {
      await this.files.deleteNow([storageKey]).catch(() => undefined);
      throw err;
    }
    if (!view) {
      // The refusal's log entry committed; the bytes have no row and go now.
      await this.files.deleteNow([storageKey]).catch(() => undefined);
      throw noDossier();
    }
    return view;
  }

  /** The documents of one action, earlier partners' actions included, as for the dossier itself. */
  async list(cmd: ActionDocumentCommand): Promise<ActionDocumentView[]> {
    const out = await this.db.transaction(async (tx) => {
      const open = await this.access.open(tx, cmd.caller, cmd.dossierId, 'document.list');
      if (!open) return null;
      if (!(await this.actionIn(tx, cmd.dossierId, cmd.actionId))) return 'no-action' as const;
      return this.documents(tx, cmd.caller, cmd.actionId);
    });
    if (!out) throw noDossier();
    if (out === 'no-action') throw noAction();
    return out;
  }

  /**
   * The documents of every action of a dossier, for the dossier's page: one passage through the
   * gate (logged once as `document.list`, refused as the dossier is), the same view as `list`.
   */
  async listInDossier(cmd: { readonly caller: Caller; readonly dossierId: string }): Promise<ActionDocumentView[]> {
    const out = await this.db.transaction(async (tx) => {
      const open = await this.access.open(tx, cmd.caller, cmd.dossierId, 'document.list');
      if (!open) return null;
      return this.documents(tx, cmd.caller, null, undefined, cmd.dossierId);
    });
    if (!out) throw noDossier();
    return out;
  }

  async download(cmd: ActionDocumentCommand & { readonly documentId: string }) {
    const found = await this.db.transaction(async (tx) => {
      const open = await this.access.open(tx, cmd.caller, cmd.dossierId, 'document.download');
      if (!open) return null;
      const [row] = await tx.query<{ storageKey: string; contentType: string; fileName: string }>(
        `SELECT storage_key AS "storageKey", content_type AS "contentType", original_name AS "fileName"
           FROM vdab_action_documents WHERE tenant_id = $1 AND dossier_id = $2 AND action_id = $3 AND id = $4`,
        [tx.tenantId, cmd.dossierId, cmd.actionId, cmd.documentId],
      );
      return row ? { row } : ('no-document' as const);
    });
    if (!found) throw noDossier();
    if (found === 'no-document') throw noDocument();
    const bytes = await this.storage.get(found.row.storageKey);
    if (!bytes) throw noDocument();
    return { bytes, contentType: found.row.contentType, fileName: found.row.fileName };
  }

  /**
   * The storage keys of a dossier's documents, for the transaction that deletes the dossier: the
   * rows go with it (ON DELETE CASCADE), the files once it commits.
   */
  async forgetDossier(tx: TenantTx, dossierId: string): Promise<number> {
    const keys = (
      await tx.query<{ storageKey: string }>(`SELECT storage_key AS "storageKey" FROM vdab_action_documents WHERE tenant_id = $1 AND dossier_id = $2`, [
        tx.tenantId,
        dossierId,
      ])
    ).map((r) => r.storageKey);
    await this.files.deleteAfterCommit(tx, keys);
    return keys.length;
  }

  private async actionIn(tx: TenantTx, dossierId: string, actionId: string) {
    const [row] = await tx.query<{ organisationId: string }>(
      `SELECT organisation_id AS "organisationId" FROM vdab_actions WHERE tenant_id = $1 AND dossier_id = $2 AND id = $3`,
      [tx.tenantId, dossierId, actionId],
    );
    return row ?? null;
  }

  /**
   * A partner attaches documents to its own organisation's actions only: an earlier partner's
   * action is read, never added to. The service's staff may attach to any action of the dossier.
   */
  private async attachableAction(tx: TenantTx, caller: Caller, organisationId: string | null, dossierId: string, actionId: string) {
    const action = await this.actionIn(tx, dossierId, actionId);
    if (!action) throw noAction();
    if (caller.kind !== 'service' && action.organisationId !== organisationId)
      throw new ValidationProblem([{ field: 'actionId', reason: "is an action of another organisation; attach documents to your own organisation's actions" }], 422);
  }

  private async documents(tx: TenantTx, caller: Caller, actionId: string | null, onlyId?: string, dossierId?: string): Promise<ActionDocumentView[]> {
    const rows = await tx.query<{
      id: string; actionId: string; fileName: string; contentType: string; byteSize: number; sha256: string;
      uploadedAt: Date; organisationId: string | null; uploadedBy: string | null; credentialId: string | null;
    }>(
      `SELECT id, action_id AS "actionId", original_name AS "fileName", content_type AS "contentType", byte_size AS "byteSize", sha256,
              created_at AS "uploadedAt", organisation_id AS "organisationId", uploaded_by AS "uploadedBy", credential_id AS "credentialId"
         FROM vdab_action_documents
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR action_id = $2) AND ($3::uuid IS NULL OR id = $3) AND ($4::uuid IS NULL OR dossier_id = $4)
        ORDER BY created_at, id LIMIT 500`,
      [tx.tenantId, actionId, onlyId ?? null, dossierId ?? null],
    );
    const names = new Map((await this.units.list()).map((u) => [u.id, u.name]));
    return rows.map((r) => ({
      id: r.id,
      actionId: r.actionId,
      fileName: r.fileName,
      contentType: r.contentType,
      byteSize: Number(r.byteSize),
      sha256: r.sha256,
      uploadedAt: new Date(r.uploadedAt).toISOString(),
      organisation: r.organisationId ? { id: r.organisationId, name: names.get(r.organisationId) ?? '' } : null,
      ...(caller.kind === 'service' ? { uploadedBy: r.uploadedBy, credentialId: r.credentialId } : {}),
    }));
  }
}
