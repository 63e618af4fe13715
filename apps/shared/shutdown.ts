import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';

/** What an api process does between the signal and closing: it keeps serving while it is taken out of rotation. */
export interface Drain {
  /** Marks the process as draining (readiness answers 503, answers close their connection). */
  begin(): void;
  readonly delayMs: number;
}

/**
 * SIGTERM and SIGINT close the apps in the order given (in-flight requests and jobs finish, pools
 * close, the embedded database stops last with the app that started it) and exit 0. With a drain,
 * the api first keeps serving for its delay while readiness says it is going, so a rolling restart
 * fails no request: the balancer moves new requests elsewhere, then the server closes and waits
 * for the requests it still has. Nest's own shutdown hooks re-raise the signal after closing, which
 * ends the process with 143 and, with two apps in one process, can cut the second one off mid-close.
 */
export function closeOnSignals(
  apps: readonly Pick<INestApplicationContext, 'close'>[],
  log: (line: string) => void = console.log,
  drain?: Drain,
): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    log(`${signal}: shutting down`);
    try {
      if (drain) {
        drain.begin();
        if (drain.delayMs > 0) {
          log(`draining: serving ${drain.delayMs} ms more while readiness answers 503`);
          await delay(drain.delayMs);
        }
      }
      for (const app of apps) await app.close();
      process.exit(0);
    } catch (err) {
      console.error('shutdown failed', err);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void close(s));
}
