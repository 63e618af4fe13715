import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, Public, Roles } from '../../auth/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ReminderResponseService } from './reminder-response.service.js';
import { RetentionForecastService } from './retention-forecast.service.js';
import { RetentionReach } from './retention-reach.js';
import { TenantDb } from '../../database/src/index.js';
import { ForecastQueryDto, RespondQueryDto } from './retention.dto.js';
import { answerPage, askPage, RESPOND_PAGE_HEADERS } from './respond-page.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly responses: ReminderResponseService,
    private readonly forecasts: RetentionForecastService,
    private readonly reach: RetentionReach,
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
  ) {}

  /**
   * The link in a reminder mail: a page with one button. Opening it changes nothing, because mail
   * scanners open links; the button posts the token back.
   */
  @Get('respond')
  @Public()
  @ApiProduces('text/html')
  page(@Query() q: RespondQueryDto, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.responses.verify(q.token);
    reply.headers(RESPOND_PAGE_HEADERS);
    return askPage(this.registry.current().defaultLocale, q.token!);
  }

  /** Answers the reminder (and restarts the clock): the page's button, which gets a page back, or an API client. */
  @Post('respond')
  @HttpCode(200)
  @Public()
  @ApiProduces('application/json', 'text/html')
  async respond(
    @Query() q: RespondQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!accept?.includes('text/html')) return this.responses.respond(q.token);
    reply.headers(RESPOND_PAGE_HEADERS);
    const locale = this.registry.current().defaultLocale;
    try {
      await this.responses.respond(q.token);
      return answerPage(locale, { confirmed: true });
    } catch (err) {
      if (!(err instanceof HttpException)) throw err;
      reply.status(err.getStatus());
      const problem =
        err instanceof ValidationProblem
          ? err.errors.map((e) => `${e.field} ${e.reason}`).join('; ')
          : err.message;
      return answerPage(locale, { problem });
    }
  }

  /** For the next N days: reminders, inactivations, anonymisations and deletions per schedule. */
  @Get('forecast')
  @Roles('tenant-admin')
  @ApiBearerAuth()
  forecast(@Query() q: ForecastQueryDto) {
    return this.forecasts.forecast(q.days);
  }

  /** One person's schedules, what lies ahead and what was done; staff limited to their org units see only the people they reach. */
  @Get('people/:personId/timeline')
  @Roles('tenant-admin', 'staff')
  @ApiBearerAuth()
  async timeline(@Param('personId', new ParseUUIDPipe()) personId: string) {
    await this.db.transaction((tx) => this.reach.assert(tx, RequestContext.actor(), personId));
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
