import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { WorkFoundService } from './hallowerk.work-found.service.js';

@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/me/work-found')
export class WorkFoundController {
  constructor(private readonly workFound: WorkFoundService) {}

  /** The jobseeker reports having found work; the answer offers switching the profile off. */
  @Post()
  @HttpCode(200)
  @Roles('jobseeker')
  report(@CurrentActor() actor: Actor) {
    return this.workFound.report({ personId: actor.accountId! });
  }
}
