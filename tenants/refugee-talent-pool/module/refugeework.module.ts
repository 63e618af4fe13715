import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry, PublishedVacancyRanking, RetentionModule, RightsModule } from '../../../libs/tenant-host/src/index.js';
import { OwnAccountController } from './own-account.controller.js';
import { OwnAccountService } from './own-account.service.js';
import { BusinessContractsController } from './business-contracts.controller.js';
import { BusinessContractsService } from './business-contracts.service.js';
import { ObjectionsController } from './objections.controller.js';
import { ObjectionsService } from './objections.service.js';
import { PlacementsStore } from './placements.store.js';
import { refugeeWorkPersonData } from './refugeework-person-data.js';
import { ReputationController } from './reputation.controller.js';
import { ReputationService } from './reputation.service.js';
import { JobFeedController } from './job-feed.controller.js';
import { JobFeedService } from './job-feed.service.js';

/** RefugeeWork's own routes: reputation, objections, deleting one's account, business contracts and the job feed. */
@Module({
  imports: [RetentionModule, RightsModule],
  controllers: [ReputationController, ObjectionsController, OwnAccountController, BusinessContractsController, JobFeedController],
  providers: [PlacementsStore, ReputationService, ObjectionsService, OwnAccountService, BusinessContractsService, PublishedVacancyRanking, JobFeedService],
})
export class RefugeeWorkModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(refugeeWorkPersonData);
  }
}
