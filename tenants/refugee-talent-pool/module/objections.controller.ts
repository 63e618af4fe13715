import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../../../libs/tenant-host/src/index.js';
import { ForRefugeeWork } from './tenant-key.js';
import { LiftObjectionHoldDto, ObjectionDto, ObjectionsQuery, ResolveObjectionDto } from './objections.dto.js';
import { ObjectionsService } from './objections.service.js';
import { IdParams } from './reputation.dto.js';

@ApiTags('refugeework')
@ApiBearerAuth()
@ForRefugeeWork()
@Controller('refugeework/objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  @Post()
  @Roles('jobseeker', 'employer')
  object(@CurrentActor() actor: Actor, @Body() body: ObjectionDto) {
    return this.objections.object(actor, body.reason);
  }

  @Get()
  @Roles('staff')
  async list(@Query() query: ObjectionsQuery) {
    return { items: await this.objections.list(query) };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('staff')
  resolve(@CurrentActor() actor: Actor, @Param() p: IdParams, @Body() body: ResolveObjectionDto) {
    return this.objections.resolve(actor, p.id, body);
  }

  /**
   * Announces that an objection whose processing was stopped stops holding (the person asked to be
   * listed again, say): mailed to the person with the day, in effect after the notice.
   */
  @Post(':id/lift')
  @HttpCode(200)
  @Roles('staff')
  lift(@Param() p: IdParams, @Body() body: LiftObjectionHoldDto) {
    return this.objections.lift(p.id, body);
  }

  /** Withdraws that announcement before its day: the objection keeps holding, and the person is told. */
  @Delete(':id/lift')
  @HttpCode(200)
  @Roles('staff')
  cancelLift(@Param() p: IdParams) {
    return this.objections.cancelLift(p.id);
  }
}
