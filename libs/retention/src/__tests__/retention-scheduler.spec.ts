import { Test } from '@nestjs/testing';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { TestApp } from '../../../../test/support/test-app.js';
import { AppConfig } from '../../../config/src/index.js';
import { RetentionScheduler } from '../retention.scheduler.js';
import { RetentionSweepService, type SweepReport } from '../retention-sweep.service.js';

/**
 * The cron wiring only: the sweep itself is proven against the database in the other specs, so
 * here a counting stand-in takes its place. (A full worker is not booted: it would start delivering
 * the mail other test files queue in the shared test database.)
 */
describe('the retention sweep is scheduled in the worker only', () => {
  it('an api process has no scheduler, so the sweep never runs there on its own', async () => {
    const t = await TestApp.boot();
    try {
      expect(() => t.get(SchedulerRegistry)).toThrow();
      expect(t.get(RetentionScheduler)).toBeInstanceOf(RetentionScheduler);
    } finally {
      await t.close();
    }
  });

  it('with the scheduler (the worker) it runs every RETENTION_SWEEP_INTERVAL_SECONDS, and one process never overlaps its own runs', async () => {
    let calls = 0;
    let release!: () => void;
    const sweeper = {
      sweep: () =>
        new Promise<SweepReport>((done) => {
          calls++;
          release = () => done({ claimed: 0, adopted: 0, failedBatches: 0 } as SweepReport);
        }),
    };
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot()],
      providers: [
        RetentionScheduler,
        { provide: RetentionSweepService, useValue: sweeper },
        { provide: AppConfig, useValue: Object.assign(new AppConfig(), { RETENTION_SWEEP_INTERVAL_SECONDS: 1 }) },
      ],
    }).compile();
    await moduleRef.init();
    try {
      expect(moduleRef.get(SchedulerRegistry).getInterval('retention-sweep')).toBeDefined();
      // The interval fires on its own after a second; its run is still open (not released).
      await new Promise((r) => setTimeout(r, 1_300));
      expect(calls).toBe(1);
      const scheduler = moduleRef.get(RetentionScheduler);
      // A tick while that run is open lets it pass.
      await scheduler.tick();
      expect(calls).toBe(1);
      release();
      await new Promise((r) => setImmediate(r));
      const next = scheduler.tick();
      expect(calls).toBe(2);
      release();
      await next;
    } finally {
      await moduleRef.close();
    }
  });
});
