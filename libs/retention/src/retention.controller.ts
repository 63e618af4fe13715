import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public, Roles } from '../../auth/src/access.decorators.js';
import { RequestContext } from '../../context/src/index.js';
import { ReminderResponseService } from './reminder-response.service.js';
import { RetentionForecastService } from './retention-forecast.service.js';
import { ForecastQueryDto, RespondQueryDto } from './retention.dto.js';

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly responses: ReminderResponseService,
    private readonly forecasts: RetentionForecastService,
  ) {}

  /** The link in a reminder mail: a click answers the reminder (and restarts the clock). */
  @Get('respond')
  @Public()
  respondByLink(@Query() q: RespondQueryDto) {
    return this.responses.respond(q.token);
  }

  @Post('respond')
  @HttpCode(200)
  @Public()
  respond(@Query() q: RespondQueryDto) {
    return this.responses.respond(q.token);
  }

  /** For the next N days: reminders, inactivations, anonymisations and deletions per schedule. */
  @Get('forecast')
  @Roles('tenant-admin')
  @ApiBearerAuth()
  forecast(@Query() q: ForecastQueryDto) {
    return this.forecasts.forecast(q.days);
  }

  /** One person's schedules, what lies ahead and what was done. */
  @Get('people/:personId/timeline')
  @Roles('tenant-admin', 'staff')
  @ApiBearerAuth()
  timeline(@Param('personId', new ParseUUIDPipe()) personId: string) {
    return this.forecasts.timeline(personId, { history: true });
  }

  /** The person's own view: how long their data is kept and what will be sent before it goes. */
  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  mine() {
    return this.forecasts.timeline(RequestContext.actor().accountId!, { history: false });
  }
}
