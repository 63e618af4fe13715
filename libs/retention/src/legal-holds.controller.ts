import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/src/index.js';
import { ExtendLegalHoldDto, PlaceLegalHoldDto } from './legal-hold.dto.js';
import { LegalHoldsService } from './legal-holds.service.js';
import { HoldsQueryDto } from './retention.dto.js';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('retention/holds')
export class LegalHoldsController {
  constructor(private readonly holds: LegalHoldsService) {}

  @Post()
  @Roles('staff', 'tenant-admin')
  place(@Body() body: PlaceLegalHoldDto) {
    return this.holds.place(body);
  }

  @Get()
  @Roles('staff', 'tenant-admin')
  async list(@Query() q: HoldsQueryDto) {
    return { items: await this.holds.list(q.personId) };
  }

  @Patch(':id')
  @Roles('staff', 'tenant-admin')
  extend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ExtendLegalHoldDto) {
    return this.holds.extend(id, body.endsAt);
  }

  /** Ends a hold early (the obligation lapsed); the person's schedule resumes at the next sweep. */
  @Delete(':id')
  @Roles('staff', 'tenant-admin')
  release(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.holds.release(id);
  }
}
