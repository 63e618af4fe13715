import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../../libs/plugin-api/src/server.js';
import { ApplyingController } from './winwinwerkt.applying.controller.js';
import { ApplyingService } from './winwinwerkt.applying.service.js';
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

/** WinWinWerkt's own routes and work: statement acceptances, leaving for good, the registration reminder. */
@Module({
  imports: [ApplicationsModule],
  controllers: [CandidateController, ApplyingController, AdvertisementsController, EtalageController, CrmController, SharedApplicationController],
  providers: [CandidatesService, RemindersService, AdvertisementsService, EtalageService, CrmService, SharedApplicationService, WinWinWerktPersonData, WinWinWerktDemoSeeder, ApplyingService],
  exports: [RemindersService, CrmService],
})
export class WinWinWerktModule {}
