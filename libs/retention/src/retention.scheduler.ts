import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig, IntervalJob } from '../../config/src/index.js';
import { RetentionSweepService } from './retention-sweep.service.js';

/**
 * Runs the sweep in the worker only, every `RETENTION_SWEEP_INTERVAL_SECONDS` (`IntervalJob`).
 * Several workers may sweep at once; the sweep itself makes that safe.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private readonly job: IntervalJob;

  constructor(
    private readonly sweeper: RetentionSweepService,
    private readonly config: AppConfig,
    @Optional() scheduler?: SchedulerRegistry,
  ) {
    this.job = new IntervalJob('retention-sweep', () => this.sweep(), this.logger, scheduler);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.RETENTION_SWEEP_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  tick(): Promise<void> {
    return this.job.tick();
  }

  private async sweep(): Promise<void> {
    const report = await this.sweeper.sweep({});
    if (report.claimed || report.adopted || report.failedBatches) this.logger.log({ ...report }, 'retention sweep');
  }
}
