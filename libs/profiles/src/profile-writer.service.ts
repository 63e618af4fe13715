import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profilesDefinition } from './profiles-definition.js';
import { ValidationProblem } from '../../http/src/index.js';
import type { Writer } from '../../plugin-api/src/index.js';
import { validateProfileFields } from './profile-fields.validator.js';
import { nameFieldKeys } from './profile-projection.js';
import { ProfileReaderService, profileNotFound, type ProfileView } from './profile-reader.service.js';
import { ProfileStore } from './profile.store.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Changes to profile field values, by the person or by staff. The whole change is validated
 * against the tenant's declaration before anything is written; the audit entry names the changed
 * field keys, never their values.
 */
@Injectable()
export class ProfileWriterService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly store: ProfileStore,
    private readonly reader: ProfileReaderService,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly search: SearchIndexService,
  ) {}

  /** PATCH /profiles/me */
  updateOwn(actor: Actor, input: unknown) {
    return this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, actor.accountId ?? '', { lock: true });
      await this.apply(tx, view, input, ['self']);
      await this.activity.touch(view.profile.id, 'jobseeker', 'interaction', tx);
      return this.reader.own(actor, tx);
    });
  }

  /** PATCH /profiles/:id by staff or a tenant admin, within their reach. */
  updateAsStaff(actor: Actor, profileId: string, input: unknown) {
    return this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, profileId, { lock: true });
      if (view.audience !== 'staff' && view.audience !== 'tenant-admin') throw profileNotFound();
      const roles = actor.roles;
      const writers = (['staff', 'tenant-admin'] as const).filter((w) => roles.includes(w)) as Writer[];
      await this.apply(tx, view, input, writers);
      return (await this.reader.view(tx, actor, profileId)).projection;
    });
  }

  /** Fields written by staff in the caller's unit of work, for a view the caller already resolved as staff. */
  writeAsStaff(tx: TenantTx, view: ProfileView, input: unknown): Promise<string[]> {
    if (view.audience !== 'staff') throw profileNotFound();
    return this.apply(tx, view, input, ['staff']);
  }

  private async apply(tx: TenantTx, view: ProfileView, input: unknown, writers: Writer[]): Promise<string[]> {
    const definition = profilesDefinition(this.registry);
    const result = validateProfileFields(definition.profile.fields, input, {
      writers,
      mode: 'update',
      grantedPurposes: view.granted,
    });
    if (result.problems.length) throw new ValidationProblem(result.problems);
    const stored = view.profile.fields;
    const next: Record<string, unknown> = { ...stored };
    for (const [key, value] of Object.entries(result.values)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    const changed = Object.keys(result.values).filter((k) => !same(stored[k], next[k]));
    if (!changed.length) return changed;
    await this.store.setFields(tx, view.profile.id, next, this.clock.now());
    // Same unit of work: a search can never find the profile by a value it no longer holds.
    await this.search.index(tx, view.profile.id);
    const names = nameFieldKeys(definition);
    if (changed.some((k) => names.includes(k))) {
      const displayName = names.map((k) => next[k]).filter((v) => typeof v === 'string').join(' ');
      if (displayName)
        await tx.query(`UPDATE accounts SET display_name = $3 WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          view.profile.id,
          displayName,
        ]);
    }
    await this.audit.record(
      { action: 'profile.update', subjectType: 'profile', subjectId: view.profile.id, details: { fields: changed.sort() } },
      tx,
    );
    return changed;
  }
}
