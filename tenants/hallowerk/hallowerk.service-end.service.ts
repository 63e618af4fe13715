import { Injectable } from '@nestjs/common';
import { Clock, ProfileStatesService, RetentionService, TenantDb, type Actor } from '../../libs/tenant-host/src/index.js';

/** Ending a person's service: a command of the municipality's staff about one person. */
export interface EndServiceCommand {
  /** The municipality's staff member ending the service; they must reach the person. */
  readonly actor: Actor;
  readonly personId: string;
}

/**
 * Statement 004: "nadat de dienstverlening van HalloWerk is beëindigd" the data is kept 10 years.
 * Ending the service takes the profile out of every employer's and account manager's view at once
 * (only the own region's staff keep access) and starts the archive term, in one unit of work.
 */
@Injectable()
export class ServiceEndService {
  constructor(
    private readonly db: TenantDb,
    private readonly states: ProfileStatesService,
    private readonly retention: RetentionService,
    private readonly clock: Clock,
  ) {}

  end(cmd: EndServiceCommand) {
    return this.db.transaction(async (tx) => {
      await this.states.withdrawAsStaff(tx, cmd.actor, cmd.personId);
      const now = this.clock.now();
      await this.retention.anchor(tx, { personId: cmd.personId, personKind: 'jobseeker', anchor: 'end-of-service', at: now, now });
      return { status: 'service-ended', endedAt: now };
    });
  }
}
