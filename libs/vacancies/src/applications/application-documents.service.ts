import { Injectable, NotFoundException } from '@nestjs/common';
import type { Actor } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { FileStorage } from '../../../storage/src/index.js';
import { ApplicationsService } from './applications.service.js';

const notFound = () => new NotFoundException('No such document on this application');

/**
 * A document attached to an application, for whoever may see the application. The document is the
 * applicant's own profile document (a reference), so deleting it from the profile ends access here.
 */
@Injectable()
export class ApplicationDocumentsService {
  constructor(
    private readonly db: TenantDb,
    private readonly applications: ApplicationsService,
    private readonly storage: FileStorage,
  ) {}

  async download(actor: Actor, applicationId: string, documentId: string) {
    const found = await this.db.transaction(async (tx) => {
      const application = await this.applications.read(tx, actor, applicationId);
      if (!application) throw notFound();
      const [doc] = await tx.query<{ storage_key: string; content_type: string; original_name: string }>(
        `SELECT d.storage_key, d.content_type, d.original_name
           FROM application_documents ad JOIN profile_documents d ON d.tenant_id = ad.tenant_id AND d.id = ad.document_id
          WHERE ad.tenant_id = $1 AND ad.application_id = $2 AND ad.document_id = $3`,
        [tx.tenantId, applicationId, documentId],
      );
      if (!doc) throw notFound();
      await this.applications.recordRead(tx, [application.row], { documentId });
      return doc;
    });
    const bytes = await this.storage.get(found.storage_key);
    if (!bytes) throw notFound();
    return { bytes, contentType: found.content_type, fileName: found.original_name };
  }
}
