import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IntervalJob } from '../interval-job.js';

/** The worker's interval jobs: what stopping a worker and a failing run do to them. */
describe('a worker interval job', () => {
  const quietLogger = () => {
    const errors: unknown[] = [];
    const logger = Object.assign(new Logger('test'), { error: (...args: unknown[]) => void errors.push(args) });
    return { logger, errors };
  };

  it('does not start without a scheduler (the api process), and a tick still runs on demand', async () => {
    let calls = 0;
    const job = new IntervalJob('job', async () => void calls++, quietLogger().logger, undefined);
    job.start(1);
    await job.tick();
    expect(calls).toBe(1);
    await job.stop();
  });

  it('stopping waits for the run in progress and removes the interval, so a stopping worker finishes its batch', async () => {
    const registry = new SchedulerRegistry();
    let release!: () => void;
    let finished = false;
    const job = new IntervalJob(
      'batch',
      () => new Promise<void>((done) => (release = () => ((finished = true), done()))),
      quietLogger().logger,
      registry,
    );
    job.start(3600);
    expect(registry.doesExist('interval', 'batch')).toBe(true);
    void job.tick();
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    expect(registry.doesExist('interval', 'batch')).toBe(false);
  });

  it('a failed run is logged, never thrown, and the next tick runs again', async () => {
    const { logger, errors } = quietLogger();
    let calls = 0;
    const job = new IntervalJob('flaky', async () => {
      calls++;
      if (calls === 1) throw new Error('database went away');
    }, logger, undefined);
    await expect(job.tick()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    await job.tick();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
