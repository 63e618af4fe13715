import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { RetentionSweepService } from './retention-sweep.service.js';

/**
 * Runs the sweep in the worker (the api never loads the scheduler, so its @Cron stays inert).
 * Several workers may fire at once; the sweep itself makes that safe. One process never
 * overlaps itself: a sweep still running when the next tick comes lets that tick pass.
 */
@Injectable()
export class RetentionScheduler {
  private readonly logger = new Logger('retention');
  private running = false;

  constructor(private readonly sweeper: RetentionSweepService) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'retention-sweep' })
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await this.sweeper.sweep({});
      if (report.claimed || report.adopted || report.failedBatches) this.logger.log({ ...report }, 'retention sweep');
    } catch (err) {
      this.logger.error({ err }, 'retention sweep failed');
    } finally {
      this.running = false;
    }
  }
}
