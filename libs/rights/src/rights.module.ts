import { Module, type OnModuleInit } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import { RetentionModule } from '../../retention/src/index.js';
import { ProfilesModule } from '../../profiles/src/index.js';
import { DossierOpenings } from './dossier-openings.service.js';
import { PersonOverview } from './person-overview.service.js';
import { RightsByEmail } from './rights-by-email.service.js';
import { RightsController } from './rights.controller.js';
import { RightsDeadlineScheduler, RightsDeadlineSweep } from './rights-deadlines.sweep.js';
import { RightsErasure } from './rights-erasure.js';
import { RightsExecution } from './rights-execution.js';
import { RightsExports } from './rights-exports.service.js';
import { RightsMailer } from './rights-mailer.js';
import { RightsRequestsService } from './rights-requests.service.js';
import { RightsRequestsStore } from './rights-requests.store.js';
import { RestrictionHolds } from './restriction-holds.js';
import { RestrictionLifts } from './restriction-lifts.js';
import { RestrictionLiftScheduler, RestrictionLiftSweep } from './restriction-lifts.sweep.js';

/** Data-subject requests, their deadlines, exports and erasure reports, and the processing register. */
@Module({
  imports: [RetentionModule, ProfilesModule],
  controllers: [RightsController],
  providers: [
    RightsRequestsService,
    RightsRequestsStore,
    RightsMailer,
    RightsExecution,
    RightsExports,
    RightsErasure,
    DossierOpenings,
    PersonOverview,
    RightsByEmail,
    RightsDeadlineSweep,
    RightsDeadlineScheduler,
    RestrictionLifts,
    RestrictionHolds,
    RestrictionLiftSweep,
    RestrictionLiftScheduler,
  ],
  exports: [RightsRequestsService, RightsDeadlineSweep, DossierOpenings, RestrictionHolds, RestrictionLiftSweep],
})
export class RightsModule implements OnModuleInit {
  constructor(
    private readonly people: PersonDataRegistry,
    private readonly store: RightsRequestsStore,
    private readonly exports: RightsExports,
  ) {}

  onModuleInit(): void {
    // Requests stay as proof they were answered, tied to no one; exports of the person go, with
    // their archives in the file store once the erasure commits.
    const forget = async (tx: TenantTx, personIds: readonly string[]) =>
      this.exports.removeArchivesAfterCommit(tx, await this.store.forget(tx, personIds));
    this.people.register({
      name: 'rights',
      erase: (tx, personId) => forget(tx, [personId]),
      eraseMany: (tx, personIds) => forget(tx, personIds),
      anonymise: (tx, personId) => forget(tx, [personId]),
      anonymiseMany: (tx, personIds) => forget(tx, personIds),
    });
  }
}
