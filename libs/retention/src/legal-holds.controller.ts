import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
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
  place(@CurrentActor() actor: Actor, @Body() body: PlaceLegalHoldDto) {
    return this.holds.place(actor, body);
  }

  @Get()
  @Roles('staff', 'tenant-admin')
  async list(@CurrentActor() actor: Actor, @Query() q: HoldsQueryDto) {
    return { items: await this.holds.list(actor, q.personId) };
  }

  @Patch(':id')
  @Roles('staff', 'tenant-admin')
  extend(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ExtendLegalHoldDto) {
    return this.holds.extend(actor, id, body.endsAt);
  }

  /** Ends a hold early (the obligation lapsed); the person's schedule resumes at the next sweep. */
  @Delete(':id')
  @Roles('staff', 'tenant-admin')
  release(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.holds.release(actor, id);
  }
}
