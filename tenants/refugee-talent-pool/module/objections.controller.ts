import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/plugin-api/src/server.js';
import { ForRefugeeWork } from './tenant-key.js';
import { ObjectionDto, ObjectionsQuery, ResolveObjectionDto } from './objections.dto.js';
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
  object(@Body() body: ObjectionDto) {
    return this.objections.object(body.reason);
  }

  @Get()
  @Roles('staff')
  async list(@Query() query: ObjectionsQuery) {
    return { items: await this.objections.list(query) };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('staff')
  resolve(@Param() p: IdParams, @Body() body: ResolveObjectionDto) {
    return this.objections.resolve(p.id, body);
  }
}
