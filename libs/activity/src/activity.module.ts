import { Module, type OnModuleInit } from '@nestjs/common';
import { RequestContext } from '../../context/src/index.js';
import { MailTracking } from '../../mail/src/index.js';
import { ActivityService, PersonDataRegistry } from '../../privacy/src/index.js';
import { ProfilesModule } from '../../profiles/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ActivityController } from './activity.controller.js';
import { ActivityLog } from './activity-log.js';
import { ActivityReader } from './activity-reader.js';
import { NudgeScheduler } from './nudge.scheduler.js';
import { NudgeSweep } from './nudge-sweep.js';

/**
 * Activity (statement 004): a tenant that declares it records jobseekers' sign-ins and the opens
 * and clicks of its personal mails, shows them to the person and their coach, and mails the nudges
 * it declares. It listens to the sign-ins privacy's ActivityService hears and to mail's tracking.
 */
@Module({
  imports: [ProfilesModule],
  controllers: [ActivityController],
  providers: [ActivityLog, ActivityReader, NudgeSweep, NudgeScheduler],
  exports: [ActivityReader, NudgeSweep],
})
export class ActivityModule implements OnModuleInit {
  constructor(
    private readonly touches: ActivityService,
    private readonly tracking: MailTracking,
    private readonly people: PersonDataRegistry,
    private readonly registry: TenantRegistry,
    private readonly log: ActivityLog,
  ) {}

  onModuleInit(): void {
    this.touches.onTouch(async (tx, event) => {
      if (event.kind !== 'sign-in' || event.personKind !== 'jobseeker') return;
      const plugin = RequestContext.tenant().plugin;
      if (this.registry.has(plugin) && this.registry.get(plugin).activity?.signIns) await this.log.signIn(tx, event.personId, event.at);
    });
    this.tracking.onEvent(async (tx, event) => {
      if (event.personKind !== 'jobseeker' && event.personKind !== null) return;
      await this.log.mailEvent(tx, event);
    });
    this.people.register({
      name: 'activity',
      erase: (tx, personId) => this.log.eraseMany(tx, [personId]),
      eraseMany: (tx, personIds) => this.log.eraseMany(tx, personIds),
      export: async (tx, personId) => ({ events: await this.log.forPerson(tx, personId, 10_000), nudges: await this.log.nudgesOf(tx, personId) }),
    });
  }
}
