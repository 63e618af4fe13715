import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { RequestContext } from '../../context/src/index.js';

/**
 * Work done after the answer has gone out. Registration and password-reset requests answer 202
 * from the input alone and do their address-dependent work here, so how long the answer takes
 * cannot tell anyone whether an address has an account (the work differs by nature: an account
 * and a profile for a new address, a reset link for a known one). A failure is logged; the person
 * simply asks again. Shutdown waits for what is running, so a clean stop loses nothing.
 */
@Injectable()
export class DeferredWork implements BeforeApplicationShutdown {
  private readonly logger = new Logger('deferred-work');
  private readonly running = new Set<Promise<void>>();

  /** Runs `fn` once the current answer is on its way, in the caller's context (tenant, request id). */
  later(what: string, fn: () => Promise<unknown>): void {
    const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(fn)
      .then(
        () => undefined,
        (err: unknown) =>
          this.logger.error({ err, requestId: RequestContext.requestId() }, `${what} failed`),
      )
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Resolves when nothing deferred is running (tests read the results; shutdown waits). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }
}
