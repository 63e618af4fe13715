import { Module } from '@nestjs/common';
import { CandidateController } from './winwinwerkt.controller.js';
import { CandidatesService } from './winwinwerkt.candidates.service.js';
import { RemindersService } from './winwinwerkt.reminders.service.js';

/** WinWinWerkt's own routes and work: statement acceptances, leaving for good, the registration reminder. */
@Module({
  controllers: [CandidateController],
  providers: [CandidatesService, RemindersService],
  exports: [RemindersService],
})
export class WinWinWerktModule {}
