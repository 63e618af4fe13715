import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../auth/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ActivityReader } from './activity-reader.js';

@ApiTags('activity')
@ApiBearerAuth()
@Controller('activity')
export class ActivityController {
  constructor(private readonly reader: ActivityReader) {}

  /** What the platform records of the signed-in person's use of it, and the events it still keeps. */
  @Get('me')
  @Authenticated()
  mine() {
    return this.reader.mine(RequestContext.actor().accountId!);
  }

  /** A jobseeker's activity for the staff who support them (404 outside their reach). */
  @Get('people/:personId')
  @Roles('staff')
  person(@Param('personId', new ParseUUIDPipe()) personId: string) {
    return this.reader.forPerson(RequestContext.actor(), personId);
  }
}
