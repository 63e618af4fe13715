import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { ServiceEndParams } from './hallowerk.service-end.dto.js';
import { ServiceEndService } from './hallowerk.service-end.service.js';

@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/people')
export class ServiceEndController {
  constructor(private readonly service: ServiceEndService) {}

  /** The municipality ends the person's service: out of every employer view now, deleted 10 years on. */
  @Post(':personId/end-of-service')
  @HttpCode(200)
  @Roles('staff')
  end(@CurrentActor() actor: Actor, @Param() p: ServiceEndParams) {
    return this.service.end({ actor, personId: p.personId });
  }
}
