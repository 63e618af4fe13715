import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import type { PersonDataHandler } from '../../privacy/src/index.js';
import { ConsentReader } from './consent-reader.js';
import { DocumentFiles } from './document-files.js';
import { projectProfile } from './profile-projection.js';
import { LISTED_STATES } from './profile-state.js';
import { ProfileStore } from './profile.store.js';
import { redrawPublicIdentity } from './alias.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';

/** The profiles capability's part of erasure, export, inactivation and anonymisation. */
@Injectable()
export class ProfilesPersonData implements PersonDataHandler {
  readonly name = 'profiles';

  constructor(
    private readonly store: ProfileStore,
    private readonly files: DocumentFiles,
    private readonly consents: ConsentReader,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
    private readonly search: SearchIndexService,
  ) {}

  erase(tx: TenantTx, personId: string): Promise<void> {
    return this.eraseMany(tx, [personId]);
  }

  /**
   * Rows go in the erasure transaction, one statement per table for the whole batch; the files
   * once it has committed (durably: a process killed in between leaves them to the sweep).
   */
  async eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    if (!personIds.length) return;
    const keys = await this.store.deleteDocumentsOfMany(tx, personIds);
    await this.files.deleteAfterCommit(tx, keys);
    await tx.query(`DELETE FROM email_verification_tokens WHERE tenant_id = $1 AND account_id = ANY($2::uuid[])`, [
      tx.tenantId,
      personIds,
    ]);
    await tx.query(`DELETE FROM processing_restriction_holders WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [
      tx.tenantId,
      personIds,
    ]);
    // Said here rather than left to the index's cascading foreign key, which a schema change could drop.
    await this.search.removeMany(tx, personIds);
    await this.store.deleteMany(tx, personIds);
  }

  /** What the person sees of themself, plus the document hashes so a copy can be checked. */
  async export(tx: TenantTx, personId: string): Promise<unknown> {
    const profile = await this.store.find(tx, personId);
    if (!profile) return null;
    const projection = projectProfile({
      definition: this.registry.current(),
      audience: 'self',
      profile,
      grantedPurposes: await this.consents.granted(tx, personId),
    });
    const hashes = new Map(profile.documents.map((d) => [d.id, d.sha256]));
    return { ...projection, documents: projection.documents.map((d) => ({ ...d, sha256: hashes.get(d.id) })) };
  }

  async inactivate(tx: TenantTx, personId: string): Promise<void> {
    const profile = await this.store.find(tx, personId, { lock: true });
    if (profile && LISTED_STATES.includes(profile.state))
      await this.store.setState(tx, personId, { state: 'inactive' }, this.clock.now());
    await this.search.index(tx, personId);
  }

  /**
   * Identifying values and documents are removed for good; what is left keeps statistics. The
   * profile also leaves the employers' view: nobody could be reached through it any more.
   */
  async anonymise(tx: TenantTx, personId: string): Promise<void> {
    const profile = await this.store.find(tx, personId, { lock: true });
    if (!profile) return;
    const identifying = this.registry.current().profile.fields.filter((f) => f.identifying);
    const fields = { ...profile.fields };
    for (const f of identifying) delete fields[f.key];
    const now = this.clock.now();
    await this.store.setFields(tx, personId, fields, now);
    const keys: string[] = [];
    for (const f of identifying.filter((d) => d.type === 'document'))
      keys.push(...(await this.store.deleteDocuments(tx, personId, { fieldKey: f.key })));
    await this.files.deleteAfterCommit(tx, keys);
    await this.store.setState(tx, personId, { state: 'anonymous' }, now);
    await this.store.setVisibleToEmployers(tx, personId, false, now);
    // Whatever an outsider saw of the named profile (its alias, its handle) leads nowhere now.
    if (profile.state !== 'anonymous') await redrawPublicIdentity(this.store, tx, personId, this.registry.current(), now);
    // Rebuilt from what is left: no identifying word stays findable, and employers no longer find it.
    await this.search.index(tx, personId);
  }
}
