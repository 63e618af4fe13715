import { Clock } from '../../libs/config/src/clock.js';

/**
 * The system clock, moved ahead: a worker restarted after a crash meets the leases its predecessor
 * left as if their time had passed, without the test waiting for them.
 */
export class AheadClock extends Clock {
  constructor(private readonly aheadMs: number) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.aheadMs);
  }
}
