import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/src/index.js';
import { RetentionSweepService } from './retention-sweep.service.js';

const JOB = 'retention-sweep';

/**
 * Runs the sweep in the worker only (the scheduler registry exists there, not in the api), every
 * `RETENTION_SWEEP_INTERVAL_SECONDS`. Several workers may sweep at once; the sweep itself makes
 * that safe. One process never overlaps itself: a sweep still running when the next tick comes
 * lets that tick pass.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sweeper: RetentionSweepService,
    private readonly config: AppConfig,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.scheduler) return;
    this.timer = setInterval(() => void this.tick(), this.config.RETENTION_SWEEP_INTERVAL_SECONDS * 1000);
    this.scheduler.addInterval(JOB, this.timer);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      if (this.scheduler?.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
    }
    this.timer = null;
    await this.running;
  }

  tick(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const report = await this.sweeper.sweep({});
      if (report.claimed || report.adopted || report.failedBatches) this.logger.log({ ...report }, 'retention sweep');
    } catch (err) {
      this.logger.error({ err }, 'retention sweep failed');
    }
  }
}
