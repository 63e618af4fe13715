import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { ApplyToLabelVacancyDto, VacancyParams } from './winwinwerkt.applying.dto.js';
import { ApplyingService } from './winwinwerkt.applying.service.js';

@ApiTags('winwinwerkt')
@ApiBearerAuth()
@ForTenant('winwinwerkt')
@Controller('winwinwerkt/vacancies')
export class ApplyingController {
  constructor(private readonly applying: ApplyingService) {}

  /** Applies to a vacancy of the label site served, accepting the statement and answering the Etalage question. */
  @Post(':id/apply')
  @HttpCode(201)
  @Roles('jobseeker')
  apply(@CurrentActor() actor: Actor, @Param() p: VacancyParams, @Body() body: ApplyToLabelVacancyDto) {
    return this.applying.apply({ actor, vacancyId: p.id, input: body });
  }
}
