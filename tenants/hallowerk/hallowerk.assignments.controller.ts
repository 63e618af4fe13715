import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { ServiceEndParams } from './hallowerk.service-end.dto.js';
import { AssignCareerAssignmentDto, CareerAssignmentParams, CompleteCareerAssignmentDto } from './hallowerk.assignments.dto.js';
import { AssignmentsService } from './hallowerk.assignments.service.js';

/** The coach's side: give a person an assignment, follow their results. */
@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/people/:personId/assignments')
export class CoachAssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post()
  @Roles('staff')
  assign(@CurrentActor() actor: Actor, @Param() p: ServiceEndParams, @Body() body: AssignCareerAssignmentDto) {
    return this.assignments.assign(actor, p.personId, body);
  }

  @Get()
  @Roles('staff')
  list(@CurrentActor() actor: Actor, @Param() p: ServiceEndParams) {
    return this.assignments.ofPerson(actor, p.personId);
  }
}

/** The jobseeker's side: their own assignments, handing one in, their own results. */
@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/me/assignments')
export class MyAssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @Roles('jobseeker')
  mine(@CurrentActor() actor: Actor) {
    return this.assignments.mine(actor.accountId!);
  }

  @Post(':assignmentId/completion')
  @HttpCode(200)
  @Roles('jobseeker')
  complete(@CurrentActor() actor: Actor, @Param() p: CareerAssignmentParams, @Body() body: CompleteCareerAssignmentDto) {
    return this.assignments.complete(actor.accountId!, p.assignmentId, body);
  }
}
