import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import { BounceSecretGuard } from './bounce-secret.guard.js';
import { MailAdminController } from './mail-admin.controller.js';
import { MailBouncesController } from './mail-bounces.controller.js';
import { MailBouncesService } from './mail-bounces.service.js';
import { MailDeliveryScheduler } from './mail-delivery.scheduler.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailHttpSetup } from './mail-http.setup.js';
import { MailLinksService } from './mail-links.service.js';
import { MailOutboxMetrics } from './mail-outbox.metrics.js';
import { MailOutboxSignal } from './mail-outbox.signal.js';
import { MailRecordsService } from './mail-records.service.js';
import { MailSubscriptionsController } from './mail-subscriptions.controller.js';
import { MailTracking } from './mail-tracking.js';
import { MailTrackingController } from './mail-tracking.controller.js';
import { MailSubscriptionsService } from './mail-subscriptions.service.js';
import { MailTemplatesService } from './mail-templates.service.js';
import { FileMailTransport, MAIL_TRANSPORT, SmtpMailTransport } from './mail-transport.js';
import { MailService } from './mail.service.js';
import { SuppressionService } from './suppression.service.js';

/** The e-mail engine: templates, the transactional outbox, delivery, unsubscribe and bounces. */
@Global()
@Module({
  controllers: [MailAdminController, MailSubscriptionsController, MailBouncesController, MailTrackingController],
  providers: [
    MailService,
    MailTemplatesService,
    MailLinksService,
    SuppressionService,
    MailOutboxSignal,
    MailOutboxMetrics,
    MailDeliveryService,
    MailDeliveryScheduler,
    MailBouncesService,
    MailSubscriptionsService,
    MailRecordsService,
    MailHttpSetup,
    MailTracking,
    BounceSecretGuard,
    {
      provide: MAIL_TRANSPORT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.SMTP_URL
          ? new SmtpMailTransport(config.SMTP_URL, config.MAIL_SMTP_CONNECTIONS)
          : new FileMailTransport(config.MAIL_DEV_OUTBOX_DIR),
    },
  ],
  exports: [MailService, MailTemplatesService, SuppressionService, MailDeliveryService, MailBouncesService, MailTracking],
})
export class MailModule implements OnModuleInit {
  constructor(
    private readonly registry: PersonDataRegistry,
    private readonly records: MailRecordsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'mail',
      erase: (tx, personId) => this.records.erase(tx, personId),
      eraseMany: (tx, personIds) => this.records.eraseMany(tx, personIds),
      anonymise: (tx, personId) => this.records.erase(tx, personId),
      anonymiseMany: (tx, personIds) => this.records.eraseMany(tx, personIds),
      export: (tx, personId) => this.records.export(tx, personId),
    });
  }
}
