import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM and SIGINT close the apps in the order given (in-flight requests and jobs finish, pools
 * close, the embedded database stops last with the app that started it) and exit 0. Nest's own
 * shutdown hooks re-raise the signal after closing, which ends the process with 143 and, with two
 * apps in one process, can cut the second one off mid-close.
 */
export function closeOnSignals(
  apps: readonly INestApplicationContext[],
  log: (line: string) => void = console.log,
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
      for (const app of apps) await app.close();
      process.exit(0);
    } catch (err) {
      console.error('shutdown failed', err);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void close(s));
}
