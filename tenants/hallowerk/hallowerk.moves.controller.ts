import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { ServiceEndParams } from './hallowerk.service-end.dto.js';
import { MoveToMunicipalityDto } from './hallowerk.moves.dto.js';
import { MovesService } from './hallowerk.moves.service.js';

@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/people')
export class MovesController {
  constructor(private readonly moves: MovesService) {}

  /** The old municipality hands the person's dossier to the municipality they moved to. */
  @Post(':personId/move')
  @HttpCode(200)
  @Roles('staff')
  move(@CurrentActor() actor: Actor, @Param() p: ServiceEndParams, @Body() body: MoveToMunicipalityDto) {
    return this.moves.move({ actor, personId: p.personId, municipalityId: body.municipalityId });
  }
}
