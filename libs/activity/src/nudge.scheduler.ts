import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig, IntervalJob } from '../../config/src/index.js';
import { NudgeSweep } from './nudge-sweep.js';

/**
 * Runs the nudge sweep in the worker only, every `ACTIVITY_SWEEP_INTERVAL_SECONDS` (`IntervalJob`).
 * Several workers may sweep at once: each nudge is claimed.
 */
@Injectable()
export class NudgeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('activity');
  private readonly job: IntervalJob;

  constructor(
    private readonly sweeper: NudgeSweep,
    private readonly config: AppConfig,
    @Optional() scheduler?: SchedulerRegistry,
  ) {
    this.job = new IntervalJob('activity-nudges', () => this.sweep(), this.logger, scheduler);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.ACTIVITY_SWEEP_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  tick(): Promise<void> {
    return this.job.tick();
  }

  private async sweep(): Promise<void> {
    const report = await this.sweeper.sweep();
    if (report.nudged || report.eventsPurged || report.failedPages) this.logger.log({ ...report }, 'nudge sweep');
  }
}
