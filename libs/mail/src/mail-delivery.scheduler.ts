import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/src/index.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailOutboxSignal } from './mail-outbox.signal.js';

/**
 * One run of the poller: claims of 100, each next one taken while the lanes still send the one
 * before, so a backlog flows without a pause per claim; at most 1,000 mails a run, after which the
 * run is logged and the next one looks at every tenant afresh. Exported for the delivery
 * benchmark, which must deliver exactly as the poller does.
 */
export const DELIVERY_RUN = { limit: 1_000, claimSize: 100 } as const;

/**
 * Runs delivery in the worker process only (the scheduler registry exists there, not in the api):
 * on a fixed poll, and at once when a mail is committed in this process. One run at a time; a
 * full batch means more is waiting, so it goes again.
 */
@Injectable()
export class MailDeliveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('mail-delivery');
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private pending = false;
  private stopped = false;

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly signal: MailOutboxSignal,
    private readonly config: AppConfig,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.scheduler) return;
    this.timer = setInterval(() => this.kick(), this.config.MAIL_POLL_INTERVAL_MS);
    this.unsubscribe = this.signal.onCommitted(() => this.kick());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = null));
  }

  private async run(): Promise<void> {
    do {
      this.pending = false;
      try {
        const report = await this.delivery.deliverDue(DELIVERY_RUN.limit, undefined, DELIVERY_RUN.claimSize);
        if (report.claimed >= DELIVERY_RUN.limit) this.pending = true;
        if (report.claimed) this.logger.log(report, 'mail delivered');
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'mail delivery run failed');
        return;
      }
    } while (this.pending && !this.stopped);
  }
}
