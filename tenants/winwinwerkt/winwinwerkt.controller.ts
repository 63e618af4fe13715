import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { AcceptStatementDto, LeaveForGoodDto } from './winwinwerkt.dto.js';
import { CandidatesService } from './winwinwerkt.candidates.service.js';

@ApiTags('winwinwerkt')
@ApiBearerAuth()
@ForTenant('winwinwerkt')
@Controller('winwinwerkt/me')
export class CandidateController {
  constructor(private readonly candidates: CandidatesService) {}

  /** Records the candidate's acceptance of the statement (version, occasion, label of the host). */
  @Post('statement-acceptances')
  @HttpCode(201)
  @Roles('jobseeker')
  accept(@CurrentActor() actor: Actor, @Body() body: AcceptStatementDto) {
    return this.candidates.accept({ personId: actor.accountId!, version: body.version, occasion: body.occasion, vacancyId: body.vacancyId ?? null });
  }

  /** "Niet meer beschikbaar + altijd": deletes the profile, documents and mails exchanged, for good. */
  @Post('leave-for-good')
  @HttpCode(200)
  @Roles('jobseeker')
  leave(@CurrentActor() actor: Actor, @Body() _body: LeaveForGoodDto) {
    return this.candidates.leaveForGood({ personId: actor.accountId! });
  }
}
