import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/tenant-host/src/index.js';
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
  mine() {
    return this.reputation.mine();
  }

  @Get('people/:personId/reputation')
  @Roles('staff')
  ofPerson(@Param() p: PersonParams) {
    return this.reputation.ofPerson(p.personId);
  }

  @Post('people/:personId/placements')
  @Roles('staff')
  record(@Param() p: PersonParams, @Body() body: RecordPlacementDto) {
    return this.reputation.record(p.personId, body);
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
  async forEmployer() {
    return { items: await this.reputation.forEmployer() };
  }

  @Post('placements/:id/review')
  @Roles('employer')
  review(@Param() p: IdParams, @Body() body: ReviewDto) {
    return this.reputation.review(p.id, body);
  }
}
