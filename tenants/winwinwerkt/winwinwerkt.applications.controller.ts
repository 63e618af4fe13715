import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { ApplicationParams } from './winwinwerkt.dto.js';
import { SharedApplicationService } from './winwinwerkt.applications.service.js';

@ApiTags('winwinwerkt')
@ApiBearerAuth()
@ForTenant('winwinwerkt')
@Controller('winwinwerkt/applications')
export class SharedApplicationController {
  constructor(private readonly shared: SharedApplicationService) {}

  /** What applying shares with the vacancy's client besides the CV: motivation letter and interview notes. */
  @Get(':id/shared-with-client')
  @Roles('employer')
  get(@CurrentActor() actor: Actor, @Param() p: ApplicationParams) {
    return this.shared.get(actor, p.id);
  }
}
