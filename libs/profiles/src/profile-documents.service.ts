import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import type { FieldDefinition } from '../../plugin-api/src/index.js';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { RequestContext, type Actor } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profilesDefinition } from './profiles-definition.js';
import { ValidationProblem } from '../../http/src/index.js';
import { FileStorage } from '../../storage/src/index.js';
import { DocumentFiles } from './document-files.js';
import { receiveDocument, type ReceivedDocument } from './document-upload.js';
import { documentText } from './document-text.js';
import { refusedValueProblems } from './refused-values.js';
import { ProfileReaderService } from './profile-reader.service.js';
import { ProfileStore } from './profile.store.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';

/** One of the person's own documents, as a copy of their data lists it. */
export interface OwnDocumentFile {
  readonly id: string;
  readonly fieldKey: string;
  readonly contentType: string;
  readonly byteSize: number;
  readonly originalName: string;
  readonly sha256: string;
  open(): Promise<Readable | null>;
}

const documentNotFound = () => new NotFoundException('No document with this id');

/** A field bound to a consent takes no document until the person has granted that consent. */
function assertConsented(field: FieldDefinition, granted: ReadonlySet<string>): void {
  if (field.consent && !granted.has(field.consent))
    throw new ValidationProblem(
      [{ field: 'fieldKey', reason: `"${field.key}" needs the person's consent "${field.consent}" first` }],
      HttpStatus.UNPROCESSABLE_ENTITY,
      `The field "${field.key}" takes a document only with the consent "${field.consent}"`,
    );
}

/**
 * A document field that refuses values (statement 003: BSN, bank account and passport numbers go to
 * the payroll partner only) refuses an upload whose readable text holds one, before anything is stored.
 */
function assertNoRefusedValues(field: FieldDefinition, received: ReceivedDocument): void {
  if (!field.refuses?.length) return;
  const problems = refusedValueProblems(field.refuses, documentText(received.bytes, received.contentType), 'file', field.refusesNote);
  if (problems.length) throw new ValidationProblem(problems, HttpStatus.UNPROCESSABLE_ENTITY, 'The document holds data that is never stored here');
}

/**
 * Documents attached to profile fields (CV, photo, video). Bytes live in file storage, the row
 * keeps type, size and hash. A field holds one document: a new upload replaces the old one.
 * Every download goes through the reader's projection, so withdrawn consent hides the file at once.
 */
@Injectable()
export class ProfileDocumentsService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly store: ProfileStore,
    private readonly reader: ProfileReaderService,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly search: SearchIndexService,
    private readonly files: DocumentFiles,
  ) {}

  async upload(actor: Actor, req: FastifyRequest, fieldKey: string) {
    const definition = profilesDefinition(this.registry);
    const field = definition.profile.fields.find((f) => f.key === fieldKey && f.type === 'document');
    if (!field) throw new ValidationProblem([{ field: 'fieldKey', reason: 'is not a document field of this profile' }]);
    if (!field.write.includes('self'))
      throw new ValidationProblem([{ field: 'fieldKey', reason: `may only be written by: ${field.write.join(', ')}` }]);
    // Everything that can refuse the upload is checked before the body is read and stored.
    const profileId = await this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, actor.accountId ?? '');
      assertConsented(field, view.granted);
      return view.profile.id;
    });
    const received = await receiveDocument(req, field, definition.profile.maxDocumentBytes);
    assertNoRefusedValues(field, received);
    // Named by nothing but a random id: no folder or file name tells whose document it is.
    const storageKey = `${RequestContext.tenant().id}/${randomUUID()}`;
    // Stored before its row exists: an orphan for the sweep unless the row below commits.
    await this.files.storeUnclaimed(storageKey, received.bytes);
    try {
      return await this.db.transaction(async (tx) => {
        const view = await this.reader.view(tx, actor, profileId, { lock: true });
        // Checked again under the profile lock that a withdrawal takes too: no upload slips past one.
        assertConsented(field, view.granted);
        const replaced = await this.store.deleteDocuments(tx, view.profile.id, { fieldKey: field.key });
        await this.files.deleteAfterCommit(tx, replaced);
        const id = await this.store.insertDocument(tx, {
          profileId: view.profile.id,
          fieldKey: field.key,
          contentType: received.contentType,
          byteSize: received.bytes.length,
          storageKey,
          originalName: received.originalName,
          sha256: createHash('sha256').update(received.bytes).digest('hex'),
          createdAt: this.clock.now(),
        });
        await this.files.claim(tx, storageKey);
        await this.audit.record(
          {
            action: 'profile.document.add',
            subjectType: 'profile',
            subjectId: view.profile.id,
            details: { field: field.key, documentId: id, contentType: received.contentType, byteSize: received.bytes.length, replaced: replaced.length },
          },
          tx,
        );
        // No document is indexed today, but every profile write re-indexes: then no rule about
        // which writes matter can drift out of date when a tenant makes more fields searchable.
        await this.search.index(tx, view.profile.id);
        await this.activity.touch(view.profile.id, 'jobseeker', 'interaction', tx);
        const own = await this.reader.own(actor, tx);
        return own.documents.find((d) => d.id === id)!;
      });
    } catch (err) {
      await this.files.deleteNow([storageKey]).catch(() => undefined);
      throw err;
    }
  }

  /**
   * A withdrawn consent ends the processing of what was kept under it: the documents of every field
   * bound to that purpose go in the withdrawal's transaction, their files once it has committed.
   */
  async deleteForWithdrawnConsent(tx: TenantTx, personId: string, purpose: string): Promise<void> {
    const plugin = RequestContext.tenant().plugin;
    if (!this.registry.has(plugin)) return;
    const fields = this.registry.get(plugin).profile.fields.filter((f) => f.type === 'document' && f.consent === purpose);
    if (!fields.length) return;
    // Same lock as an upload takes, so an upload racing the withdrawal is either refused or deleted here.
    const profile = await this.store.find(tx, personId, { lock: true });
    if (!profile) return;
    for (const field of fields) {
      const keys = await this.store.deleteDocuments(tx, profile.id, { fieldKey: field.key });
      await this.files.deleteAfterCommit(tx, keys);
      if (keys.length)
        await this.audit.record(
          { action: 'profile.document.delete', subjectType: 'profile', subjectId: profile.id, details: { field: field.key, reason: 'consent-withdrawn', purpose, count: keys.length } },
          tx,
        );
    }
  }

  /**
   * The person's own documents for a copy of their data (art. 15, 20): what each is and a way to
   * read its bytes later as a stream, so the copy can be built one file at a time outside the
   * unit of work. A file the store no longer has opens as null.
   */
  async ownFiles(tx: TenantTx, personId: string): Promise<OwnDocumentFile[]> {
    const profile = await this.store.find(tx, personId);
    return (profile?.documents ?? []).map((d) => ({
      id: d.id,
      fieldKey: d.fieldKey,
      contentType: d.contentType,
      byteSize: d.byteSize,
      originalName: d.originalName,
      sha256: d.sha256,
      open: () => this.storage.getStream(d.storageKey),
    }));
  }

  /** The documents of a profile this reader may see. */
  list(actor: Actor, profileId: string) {
    return this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, profileId);
      await this.reader.recordRead(tx, view, 'profile.read', { part: 'documents' });
      return { items: view.projection.documents };
    });
  }

  /** The bytes of one document, only when the reader's projection includes its field. */
  async download(actor: Actor, profileId: string, documentId: string) {
    const found = await this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, profileId);
      const listed = view.projection.documents.find((d) => d.id === documentId);
      const stored = listed && (await this.store.document(tx, view.profile.id, documentId));
      if (!listed || !stored) throw documentNotFound();
      await this.reader.recordRead(tx, view, 'profile.document.read', { field: stored.fieldKey, documentId });
      return { listed, storageKey: stored.storageKey };
    });
    const bytes = await this.storage.get(found.storageKey);
    if (!bytes) throw documentNotFound();
    return { bytes, contentType: found.listed.contentType, fileName: found.listed.fileName };
  }

  deleteOwn(actor: Actor, documentId: string) {
    return this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, actor.accountId ?? '', { lock: true });
      const doc = view.profile.documents.find((d) => d.id === documentId);
      if (!doc) throw documentNotFound();
      const keys = await this.store.deleteDocuments(tx, view.profile.id, { id: documentId });
      await this.files.deleteAfterCommit(tx, keys);
      await this.audit.record(
        { action: 'profile.document.delete', subjectType: 'profile', subjectId: view.profile.id, details: { field: doc.fieldKey, documentId } },
        tx,
      );
      await this.search.index(tx, view.profile.id);
      await this.activity.touch(view.profile.id, 'jobseeker', 'interaction', tx);
    });
  }
}
