import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../../../libs/tenant-host/src/index.js';
import { ForRefugeeWork } from './tenant-key.js';
import { JobFeedService } from './job-feed.service.js';

@ApiTags('refugeework')
@ApiBearerAuth()
@ForRefugeeWork()
@Controller('refugeework/job-feed')
export class JobFeedController {
  constructor(private readonly jobs: JobFeedService) {}

  @Get()
  @Roles('jobseeker')
  feed(@CurrentActor() actor: Actor) {
    return this.jobs.feed(actor);
  }
}
