import { Module, type OnModuleInit } from '@nestjs/common';
import { ActivityService, PersonDataRegistry } from '../../privacy/src/index.js';
import { Clock } from '../../config/src/index.js';
import { ProfilesModule } from '../../profiles/src/index.js';
import { LegalHoldsController } from './legal-holds.controller.js';
import { LegalHoldsService } from './legal-holds.service.js';
import { ProfileListing } from './profile-listing.js';
import { ReminderMailer } from './reminder-mailer.service.js';
import { ReminderResponseService } from './reminder-response.service.js';
import { RespondTokenService } from './respond-token.service.js';
import { RetentionBatch } from './retention-batch.service.js';
import { RetentionController } from './retention.controller.js';
import { RetentionReach } from './retention-reach.js';
import { RetentionForecastService } from './retention-forecast.service.js';
import { RetentionScheduler } from './retention.scheduler.js';
import { RetentionSchedules } from './retention-schedules.service.js';
import { RetentionService } from './retention.service.js';
import { RetentionStateStore } from './retention-state.store.js';
import { RetentionSweepService } from './retention-sweep.service.js';

/**
 * Retention schedules: per-person progress, reminders, final actions, legal holds, the forecast.
 * Activity resets clocks and answers reminders in the same unit of work; legal holds veto erasure
 * wherever it is asked for.
 */
@Module({
  imports: [ProfilesModule],
  controllers: [RetentionController, LegalHoldsController],
  providers: [
    RetentionReach,
    RetentionSchedules,
    RetentionStateStore,
    ProfileListing,
    RespondTokenService,
    ReminderMailer,
    RetentionService,
    ReminderResponseService,
    LegalHoldsService,
    RetentionBatch,
    RetentionSweepService,
    RetentionForecastService,
    RetentionScheduler,
  ],
  exports: [RetentionService, RetentionSweepService, LegalHoldsService, RetentionForecastService],
})
export class RetentionModule implements OnModuleInit {
  constructor(
    private readonly people: PersonDataRegistry,
    private readonly activity: ActivityService,
    private readonly retention: RetentionService,
    private readonly holds: LegalHoldsService,
    private readonly store: RetentionStateStore,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.activity.onTouch((tx, event) => this.retention.onActivity(tx, event));
    this.people.guard(async (tx, personIds) => {
      const held = await this.holds.activeUntil(tx, personIds, this.clock.now());
      return new Map([...held].map(([id, until]) => [id, `under a legal hold until ${until.toISOString().slice(0, 10)}`]));
    });
    this.people.register({
      name: 'retention',
      erase: (tx, personId) => this.eraseMany(tx, [personId]),
      eraseMany: (tx, personIds) => this.eraseMany(tx, personIds),
      export: async (tx, personId) => ({
        schedules: await this.store.forPerson(tx, personId),
        holds: (await this.holds.activeUntil(tx, [personId], this.clock.now())).get(personId) ?? null,
      }),
    });
  }

  /** Erasure only runs once no hold is active (the guard above), so the ended holds go too. */
  private async eraseMany(tx: Parameters<RetentionStateStore['deleteForPeople']>[0], personIds: readonly string[]) {
    await this.store.deleteForPeople(tx, personIds);
    await this.holds.deleteForPeople(tx, personIds);
  }
}
