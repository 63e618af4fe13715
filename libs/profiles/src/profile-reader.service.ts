import type { CoreAuditAction, CoreProcessingActivityId, Audience } from '../../plugin-api/src/index.js';
import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profilesDefinition } from './profiles-definition.js';
import { AudienceResolver } from './audience-resolver.js';
import { ConsentReader } from './consent-reader.js';
import { isInsideAudience, projectProfile, visibleFieldKeys, type ProfileProjection } from './profile-projection.js';
import { PUBLIC_HANDLE } from './alias.js';
import { ProfileStore, type ProfileRow } from './profile.store.js';

/** One reader's view of one profile, resolved inside a unit of work. */
export interface ProfileView {
  readonly profile: ProfileRow;
  readonly audience: Audience;
  readonly granted: ReadonlySet<string>;
  readonly projection: ProfileProjection;
  readonly visible: ReadonlySet<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const profileNotFound = () => new NotFoundException('No profile with this id');

/** Whether a path segment may name a profile at all: an internal id or a public handle. */
export const isProfileRef = (ref: string) => UUID.test(ref) || PUBLIC_HANDLE.test(ref);

/**
 * Reading profiles: every read goes through the audience resolver and the projection, and every
 * read of someone else's profile is audited with ids only.
 */
@Injectable()
export class ProfileReaderService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly store: ProfileStore,
    private readonly consents: ConsentReader,
    private readonly audiences: AudienceResolver,
    private readonly audit: AuditService,
  ) {}

  /**
   * The view of the given reader, or a 404 when the profile is out of their reach. `ref` is the
   * profile's public handle, or its internal id for the person and the tenant's own staff only:
   * an employer, partner or the public naming the internal id, or a handle since redrawn, gets the
   * same 404 as for a profile that does not exist (statement 001: an anonymised profile cannot be
   * tied to the named one an employer saw before).
   */
  async view(tx: TenantTx, actor: Actor, ref: string, opts: { lock?: boolean } = {}): Promise<ProfileView> {
    const byId = UUID.test(ref);
    if (!byId && !PUBLIC_HANDLE.test(ref)) throw profileNotFound();
    const profile = byId ? await this.store.find(tx, ref, opts) : await this.store.findByHandle(tx, ref, opts);
    if (!profile) throw profileNotFound();
    const definition = profilesDefinition(this.registry);
    const granted = await this.consents.granted(tx, profile.id);
    const audience = await this.audiences.resolve(tx, definition, actor, profile, granted);
    if (!audience || (byId && !isInsideAudience(audience))) throw profileNotFound();
    const input = { definition, audience, profile, grantedPurposes: granted };
    return { profile, audience, granted, projection: projectProfile(input), visible: visibleFieldKeys(input) };
  }

  /** GET /profiles/:ref — audited whenever the reader is not the person. */
  read(actor: Actor, profileId: string): Promise<ProfileProjection> {
    return this.db.transaction(async (tx) => {
      const view = await this.view(tx, actor, profileId);
      await this.recordRead(tx, view);
      return view.projection;
    });
  }

  /** The person's own profile: everything, plus state, e-mail standing and a summary of consents. */
  async own(actor: Actor, tx?: TenantTx) {
    const run = async (t: TenantTx) => {
      const id = actor.accountId;
      if (!id) throw profileNotFound();
      const view = await this.view(t, actor, id);
      const standings = await this.consents.standings(t, id);
      const byPurpose = new Map(standings.map((s) => [s.purpose, s]));
      return {
        ...view.projection,
        email: view.profile.email,
        emailVerified: view.profile.emailVerifiedAt !== null,
        consents: profilesDefinition(this.registry).consents.map((c) => ({
          purpose: c.key,
          granted: byPurpose.get(c.key)?.granted ?? false,
          changedAt: byPurpose.get(c.key)?.changedAt ?? null,
        })),
      };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  async recordRead(tx: TenantTx, view: ProfileView, action: CoreAuditAction = 'profile.read', extra: Record<string, string> = {}) {
    if (view.audience === 'self') return;
    await this.audit.record(
      {
        action,
        processingActivity: READ_ACTIVITY[view.audience],
        subjectType: 'profile',
        subjectId: view.profile.id,
        details: { audience: view.audience, ...extra },
      },
      tx,
    );
  }
}

/**
 * Why a profile was opened depends on who opened it: an employer or partner finding candidates is
 * matching, a connected employer reads it through the connection the person accepted, staff keep it.
 */
const READ_ACTIVITY: Readonly<Record<Audience, CoreProcessingActivityId>> = {
  self: 'candidate-profile',
  staff: 'candidate-profile',
  'tenant-admin': 'candidate-profile',
  employer: 'candidate-search',
  partner: 'candidate-search',
  public: 'candidate-search',
  'employer-connected': 'connections',
};
