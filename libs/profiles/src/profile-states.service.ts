import type { CoreAuditAction } from '../../plugin-api/src/index.js';
import { ConflictException, Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profilesDefinition } from './profiles-definition.js';
import { ValidationProblem } from '../../http/src/index.js';
import { addMonths } from './candidate-listing.js';
import { missingRequiredFields } from './profile-fields.validator.js';
import { ProfileReaderService, profileNotFound, type ProfileView } from './profile-reader.service.js';
import { LISTED_STATES, type ProfileState } from './profile-state.js';
import { ProfileStore } from './profile.store.js';
import { redrawPublicIdentity } from './alias.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';

/**
 * The person's own say over their listing: activate, inactivate, anonymise, re-activate and
 * whether employers see the profile at all. Every change is audited and counts as an interaction.
 */
@Injectable()
export class ProfileStatesService {
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

  /** Listed with identity. Needs a verified e-mail address and every required field. */
  activate(actor: Actor) {
    return this.own(actor, 'profile.activate', (tx, view) => this.list(tx, view, 'active'));
  }

  /** Listed without identifying data (statement 001: "volledig anonimiseren"); the data stays for the person. */
  anonymise(actor: Actor) {
    return this.own(actor, 'profile.anonymise', (tx, view) => this.list(tx, view, 'anonymous'));
  }

  /** No longer visible in the candidate bank; the person can re-activate at any time. */
  inactivate(actor: Actor) {
    return this.own(actor, 'profile.inactivate', async (tx, view) => {
      if (view.profile.state === 'inactive' || view.profile.state === 'draft') return false;
      await this.store.setState(tx, view.profile.id, { state: 'inactive' }, this.clock.now());
      return true;
    });
  }

  setVisibleToEmployers(actor: Actor, visible: boolean) {
    return this.own(actor, 'profile.visibility', async (tx, view) => {
      if (view.profile.visibleToEmployers === visible) return false;
      await this.store.setVisibleToEmployers(tx, view.profile.id, visible, this.clock.now());
      return true;
    });
  }

  /**
   * Staff in reach take a profile out of every outside view at once (statement 004: the end of the
   * service): no longer listed and no longer visible to employers; staff keep their access. In
   * the caller's unit of work, so what the end of a service also records commits with it.
   */
  async withdrawAsStaff(tx: TenantTx, actor: Actor, profileId: string): Promise<void> {
    const view = await this.reader.view(tx, actor, profileId, { lock: true });
    if (view.audience !== 'staff') throw profileNotFound();
    const now = this.clock.now();
    if (view.profile.state !== 'draft') await this.store.setState(tx, profileId, { state: 'inactive' }, now);
    await this.store.setVisibleToEmployers(tx, profileId, false, now);
    await this.search.index(tx, profileId);
    await this.audit.record(
      { action: 'profile.withdraw', subjectType: 'profile', subjectId: profileId, details: { from: view.profile.state } },
      tx,
    );
  }

  /**
   * Entering the bank from draft or inactive (or after the listing ran out) is an activation: the
   * listing period starts again. Switching between active and anonymous keeps the period.
   */
  private async list(tx: TenantTx, view: ProfileView, state: ProfileState): Promise<boolean> {
    const p = view.profile;
    if (!p.emailVerifiedAt) throw new ConflictException('Confirm your e-mail address before your profile can be listed');
    const definition = profilesDefinition(this.registry);
    const kinds = new Set(p.documents.map((d) => d.fieldKey));
    const missing = missingRequiredFields(definition.profile.fields, p.fields, (k) => kinds.has(k));
    if (missing.length) throw new ValidationProblem(missing, 422, 'The profile misses required fields');
    const now = this.clock.now();
    const running = LISTED_STATES.includes(p.state) && (!p.listedUntil || p.listedUntil > now);
    if (running && p.state === state) return false;
    const months = definition.visibility.candidateBank.listedFor?.months;
    const dates = running ? {} : { activatedAt: now, listedUntil: months ? addMonths(now, months) : null };
    await this.store.setState(tx, p.id, { state, ...dates }, now);
    // An employer who saw the named listing must not recognise the anonymous one by its alias or
    // by the handle it was addressed by, nor the other way round: every step into or out of
    // anonymity draws both anew, and the old handle leads nowhere.
    if ((state === 'anonymous') !== (p.state === 'anonymous')) await redrawPublicIdentity(this.store, tx, p.id, definition, now);
    return true;
  }

  private own(actor: Actor, action: CoreAuditAction, change: (tx: TenantTx, view: ProfileView) => Promise<boolean>) {
    return this.db.transaction(async (tx) => {
      const view = await this.reader.view(tx, actor, actor.accountId ?? '', { lock: true });
      const from = view.profile.state;
      if (await change(tx, view)) {
        // State, listing period and visibility decide who finds the profile: the index follows in this unit of work.
        await this.search.index(tx, view.profile.id);
        const after = await this.store.find(tx, view.profile.id);
        await this.audit.record(
          {
            action,
            subjectType: 'profile',
            subjectId: view.profile.id,
            details: { from, to: after!.state, visibleToEmployers: after!.visibleToEmployers },
          },
          tx,
        );
      }
      await this.activity.touch(view.profile.id, 'jobseeker', 'interaction', tx);
      return this.reader.own(actor, tx);
    });
  }
}

