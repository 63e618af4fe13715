import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Public, Roles, rateLimitRoute, type Actor } from '../../libs/tenant-host/src/index.js';
import { EtalageContactDto, EtalageParams, JoinEtalageDto } from './winwinwerkt.dto.js';
import { EtalageService } from './winwinwerkt.etalage.service.js';

// A stranger's form that mails someone: limited per client and per address, like registration.
rateLimitRoute('POST /winwinwerkt/etalage/:id/contact', 'registration');

@ApiTags('winwinwerkt')
@ForTenant('winwinwerkt')
@Controller('winwinwerkt')
export class EtalageController {
  constructor(private readonly etalage: EtalageService) {}

  /** The candidate joins the Talenten Etalage with the reintegration partner that guides them. */
  @Put('me/etalage')
  @ApiBearerAuth()
  @Roles('jobseeker')
  join(@CurrentActor() actor: Actor, @Body() body: JoinEtalageDto) {
    return this.etalage.join(actor.accountId!, body.coachOrganisationId);
  }

  @Delete('me/etalage')
  @ApiBearerAuth()
  @Roles('jobseeker')
  leave(@CurrentActor() actor: Actor) {
    return this.etalage.leave(actor.accountId!);
  }

  /** Anonymous talent profiles, for anyone on the Onbekend Talent site (employers need no account). */
  @Get('etalage')
  @Public()
  list() {
    return this.etalage.list();
  }

  /** Write to the talent's coach; the candidate is never contacted directly. */
  @Post('etalage/:id/contact')
  @HttpCode(202)
  @Public()
  contact(@Param() p: EtalageParams, @Body() body: EtalageContactDto) {
    return this.etalage.contact({ entryId: p.id, input: body });
  }
}
