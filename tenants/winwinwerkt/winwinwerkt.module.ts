import { Module } from '@nestjs/common';
import { ApplicationsModule, ProfilesModule } from '../../libs/tenant-host/src/index.js';
import { ApplyingController } from './winwinwerkt.applying.controller.js';
import { ApplyingService } from './winwinwerkt.applying.service.js';
import { PendingApplicationsController } from './winwinwerkt.pending-applications.controller.js';
import { PendingApplicationsService } from './winwinwerkt.pending-applications.service.js';
import { CandidateController } from './winwinwerkt.controller.js';
import { CandidatesService } from './winwinwerkt.candidates.service.js';
import { RemindersService } from './winwinwerkt.reminders.service.js';
import { AdvertisementsController } from './winwinwerkt.advertisements.controller.js';
import { AdvertisementsService } from './winwinwerkt.advertisements.service.js';
import { EtalageController } from './winwinwerkt.etalage.controller.js';
import { EtalageService } from './winwinwerkt.etalage.service.js';
import { CrmController } from './winwinwerkt.crm.controller.js';
import { CrmService } from './winwinwerkt.crm.service.js';
import { SharedApplicationController } from './winwinwerkt.applications.controller.js';
import { SharedApplicationService } from './winwinwerkt.applications.service.js';
import { WinWinWerktPersonData } from './winwinwerkt.person-data.js';
import { WinWinWerktDemoSeeder } from './winwinwerkt.demo-seeder.js';
import { SiteVacancies } from './winwinwerkt.site-vacancies.js';

/** WinWinWerkt's own routes and work: statement acceptances, leaving for good, the registration reminder. */
@Module({
  imports: [ApplicationsModule, ProfilesModule],
  controllers: [CandidateController, ApplyingController, AdvertisementsController, EtalageController, CrmController, SharedApplicationController, PendingApplicationsController],
  providers: [CandidatesService, RemindersService, AdvertisementsService, EtalageService, CrmService, SharedApplicationService, WinWinWerktPersonData, WinWinWerktDemoSeeder, ApplyingService, PendingApplicationsService, SiteVacancies],
  exports: [RemindersService, CrmService, PendingApplicationsService],
})
export class WinWinWerktModule {}
