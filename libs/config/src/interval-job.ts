import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A job a worker runs every few seconds (retention sweep, nudges, immediate alerts). It runs only
 * where a scheduler registry exists (the worker, not the api); a tick that finds the previous run
 * still going lets it pass, so one process never overlaps itself; and stopping waits for the run in
 * progress, so a worker told to stop does not cut a batch off halfway. Several workers may still
 * run the same job at once: each job's work claims what it does.
 */
export class IntervalJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<void>,
    private readonly logger: Logger,
    private readonly scheduler: SchedulerRegistry | undefined,
  ) {}

  start(everySeconds: number): void {
    if (!this.scheduler) return;
    this.timer = setInterval(() => void this.tick(), everySeconds * 1000);
    this.scheduler.addInterval(this.name, this.timer);
  }

  async stop(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      if (this.scheduler?.doesExist('interval', this.name)) this.scheduler.deleteInterval(this.name);
    }
    this.timer = null;
    await this.running;
  }

  /** One run now, unless one is still going (then nothing). A failed run is logged, never thrown. */
  tick(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = this.work()
      .catch((err) => this.logger.error({ err }, `${this.name} failed`))
      .finally(() => (this.running = null));
    return this.running;
  }
}
