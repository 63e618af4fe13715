import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { profilesDefinition } from './profiles-definition.js';
import type { Audience } from '../../plugin-api/src/index.js';
import { AudienceResolver } from './audience-resolver.js';
import { ConsentReader } from './consent-reader.js';
import { projectProfile, visibleFieldKeys, type ProfileProjection } from './profile-projection.js';
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

  /** The view of the current reader, or a 404 when the profile is out of their reach. */
  async view(tx: TenantTx, profileId: string, opts: { lock?: boolean } = {}): Promise<ProfileView> {
    if (!UUID.test(profileId)) throw profileNotFound();
    const profile = await this.store.find(tx, profileId, opts);
    if (!profile) throw profileNotFound();
    const definition = profilesDefinition(this.registry);
    const granted = await this.consents.granted(tx, profile.id);
    const audience = await this.audiences.resolve(tx, definition, RequestContext.actor(), profile, granted);
    if (!audience) throw profileNotFound();
    const input = { definition, audience, profile, grantedPurposes: granted };
    return { profile, audience, granted, projection: projectProfile(input), visible: visibleFieldKeys(input) };
  }

  /** GET /profiles/:id — audited whenever the reader is not the person. */
  read(profileId: string): Promise<ProfileProjection> {
    return this.db.transaction(async (tx) => {
      const view = await this.view(tx, profileId);
      await this.recordRead(tx, view);
      return view.projection;
    });
  }

  /** The person's own profile: everything, plus state, e-mail standing and a summary of consents. */
  async own(tx?: TenantTx) {
    const run = async (t: TenantTx) => {
      const id = RequestContext.actor().accountId;
      if (!id) throw profileNotFound();
      const view = await this.view(t, id);
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

  async recordRead(tx: TenantTx, view: ProfileView, action = 'profile.read', extra: Record<string, string> = {}) {
    if (view.audience === 'self') return;
    await this.audit.record(
      { action, subjectType: 'profile', subjectId: view.profile.id, details: { audience: view.audience, ...extra } },
      tx,
    );
  }
}
