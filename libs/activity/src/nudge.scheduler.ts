import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/src/index.js';
import { NudgeSweep } from './nudge-sweep.js';

const JOB = 'activity-nudges';

/**
 * Runs the nudge sweep in the worker only (the scheduler registry exists there), every
 * `ACTIVITY_SWEEP_INTERVAL_SECONDS`. Several workers may sweep at once: each nudge is claimed.
 */
@Injectable()
export class NudgeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('activity');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sweeper: NudgeSweep,
    private readonly config: AppConfig,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.scheduler) return;
    this.timer = setInterval(() => void this.tick(), this.config.ACTIVITY_SWEEP_INTERVAL_SECONDS * 1000);
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
    this.running = this.sweeper
      .sweep()
      .then((report) => {
        if (report.nudged || report.eventsPurged || report.failedPages) this.logger.log({ ...report }, 'nudge sweep');
      })
      .catch((err) => this.logger.error({ err }, 'nudge sweep failed'))
      .finally(() => (this.running = null));
    return this.running;
  }
}
