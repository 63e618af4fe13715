import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { Public } from '../../auth/src/index.js';
import { UuidParam } from '../../vacancies/src/index.js';
import { AlertCriteriaDto, AlertTokenQuery, ConfirmAlertDto, SubscribeDto, UpdateAlertDto } from './alert.dto.js';
import { AlertSubscriptionsService } from './alert-subscriptions.service.js';

/**
 * Vacancy alerts for anyone, no account needed. The manage token travels in the query string,
 * which the request log leaves out, so links never end up in the logs.
 */
@Controller()
export class AlertsController {
  constructor(private readonly subscriptions: AlertSubscriptionsService) {}

  /** Same answer whether the address is new, known or at its limit: nothing to enumerate. */
  @Post('alerts')
  @Public()
  @HttpCode(202)
  async subscribe(@Body() body: SubscribeDto) {
    await this.subscriptions.subscribe(body);
    return { status: 'confirmation-sent' };
  }

  @Post('alerts/confirm')
  @Public()
  @HttpCode(200)
  confirm(@Body() body: ConfirmAlertDto) {
    return this.subscriptions.confirm(body.token);
  }

  @Get('alert-subscription')
  @Public()
  overview(@Query() q: AlertTokenQuery) {
    return this.subscriptions.overview(q.token);
  }

  @Post('alert-subscription/alerts')
  @Public()
  add(@Query() q: AlertTokenQuery, @Body() body: AlertCriteriaDto) {
    return this.subscriptions.add(q.token, body);
  }

  @Patch('alert-subscription/alerts/:alertId')
  @Public()
  update(@Query() q: AlertTokenQuery, @UuidParam('alertId') alertId: string, @Body() body: UpdateAlertDto) {
    return this.subscriptions.update(q.token, alertId, body);
  }

  @Delete('alert-subscription/alerts/:alertId')
  @Public()
  remove(@Query() q: AlertTokenQuery, @UuidParam('alertId') alertId: string) {
    return this.subscriptions.remove(q.token, alertId);
  }

  @Delete('alert-subscription')
  @Public()
  @HttpCode(204)
  removeAll(@Query() q: AlertTokenQuery) {
    return this.subscriptions.removeAll(q.token);
  }
}
