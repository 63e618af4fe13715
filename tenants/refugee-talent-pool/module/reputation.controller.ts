import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../../../libs/tenant-host/src/index.js';
import { ForRefugeeWork } from './tenant-key.js';
import { ChangePlacementDto, IdParams, PersonParams, RecordPlacementDto, ReviewDto } from './reputation.dto.js';
import { ReputationService } from './reputation.service.js';

@ApiTags('refugeework')
@ApiBearerAuth()
@ForRefugeeWork()
@Controller('refugeework')
export class ReputationController {
  constructor(private readonly reputation: ReputationService) {}

  @Get('reputation')
  @Roles('jobseeker')
  mine(@CurrentActor() actor: Actor) {
    return this.reputation.mine(actor);
  }

  @Get('people/:personId/reputation')
  @Roles('staff')
  ofPerson(@Param() p: PersonParams) {
    return this.reputation.ofPerson(p.personId);
  }

  @Post('people/:personId/placements')
  @Roles('staff')
  record(@CurrentActor() actor: Actor, @Param() p: PersonParams, @Body() body: RecordPlacementDto) {
    return this.reputation.record(actor, p.personId, body);
  }

  @Patch('placements/:id')
  @Roles('staff')
  change(@Param() p: IdParams, @Body() body: ChangePlacementDto) {
    return this.reputation.change(p.id, body);
  }

  @Delete('placements/:id')
  @HttpCode(204)
  @Roles('staff')
  async remove(@Param() p: IdParams): Promise<void> {
    await this.reputation.remove(p.id);
  }

  @Get('placements')
  @Roles('employer')
  async forEmployer(@CurrentActor() actor: Actor) {
    return { items: await this.reputation.forEmployer(actor) };
  }

  @Post('placements/:id/review')
  @Roles('employer')
  review(@CurrentActor() actor: Actor, @Param() p: IdParams, @Body() body: ReviewDto) {
    return this.reputation.review(actor, p.id, body);
  }
}
