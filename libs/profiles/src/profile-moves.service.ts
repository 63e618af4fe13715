import { ForbiddenException, Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { OrgUnitsService } from '../../auth/src/index.js';
import { Clock } from '../../config/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ProfileReaderService, profileNotFound } from './profile-reader.service.js';
import { ProfileWriterService } from './profile-writer.service.js';
import { ProfileStore } from './profile.store.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';

export interface ProfileMove {
  readonly fromOrgUnitId: string | null;
  readonly toOrgUnitId: string;
}

/**
 * A person's profile moves to another org unit (statement 004: to another municipality). With
 * `own-org-units` staff scope this is who reaches the person: from the move on, the new unit's
 * staff do and the old unit's do not. Only staff who reach the person through their own units
 * move them; a unit's delegates (an execution organisation) work for it and do not take its
 * people elsewhere.
 */
@Injectable()
export class ProfileMovesService {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly reader: ProfileReaderService,
    private readonly writer: ProfileWriterService,
    private readonly store: ProfileStore,
    private readonly units: OrgUnitsService,
    private readonly search: SearchIndexService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * In the caller's unit of work; `fields` are written as staff write them, in the same change.
   * `accept` sees where the person is now and refuses the destination (throwing) once the caller
   * is known to reach the person: someone out of reach learns nothing from a refused destination.
   */
  async moveAsStaff(
    tx: TenantTx,
    actor: Actor,
    profileId: string,
    to: { readonly orgUnitId: string; readonly fields?: Record<string, unknown>; readonly accept?: (fromOrgUnitId: string | null) => void },
  ): Promise<ProfileMove> {
    const view = await this.reader.view(tx, actor, profileId, { lock: true });
    if (view.audience !== 'staff') throw profileNotFound();
    const from = view.profile.orgUnitId;
    if (this.registry.current().visibility.candidateBank.staffScope === 'own-org-units') {
      const own = await this.units.subtree(actor.orgUnitIds);
      if (!from || !own.includes(from)) throw new ForbiddenException('only staff of the unit the person belongs to move them');
    }
    to.accept?.(from);
    if (to.fields && Object.keys(to.fields).length) await this.writer.writeAsStaff(tx, view, to.fields);
    await this.store.setOrgUnit(tx, profileId, to.orgUnitId, this.clock.now());
    // Same unit of work: the old unit's staff stop finding the person the moment the move commits.
    await this.search.index(tx, profileId);
    await this.audit.record(
      { action: 'profile.move', subjectType: 'profile', subjectId: profileId, details: { fromOrgUnitId: from, toOrgUnitId: to.orgUnitId } },
      tx,
    );
    return { fromOrgUnitId: from, toOrgUnitId: to.orgUnitId };
  }
}
