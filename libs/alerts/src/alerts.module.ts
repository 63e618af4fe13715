import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import { AlertsController } from './alerts.controller.js';
import { AlertSubscriptionsService } from './alert-subscriptions.service.js';
import { AlertLinksService } from './alert-links.service.js';
import { AlertMailer } from './alert-mailer.js';
import { AlertMatcherService } from './alert-matcher.service.js';
import { AlertDispatchService } from './alert-dispatch.service.js';
import { AlertExpiryService } from './alert-expiry.service.js';
import { AlertsScheduler } from './alerts.scheduler.js';
import { alertsPersonData } from './alerts.person-data.js';

/** Vacancy alerts: double opt-in, managed through a signed link, sent by the worker. */
@Module({
  controllers: [AlertsController],
  providers: [
    AlertSubscriptionsService,
    AlertLinksService,
    AlertMailer,
    AlertMatcherService,
    AlertDispatchService,
    AlertExpiryService,
    AlertsScheduler,
  ],
  exports: [AlertMatcherService, AlertDispatchService, AlertExpiryService],
})
export class AlertsModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(alertsPersonData);
  }
}
