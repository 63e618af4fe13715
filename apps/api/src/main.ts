import 'dotenv/config';
import type { INestApplicationContext } from '@nestjs/common';
import { createApiApp, createWorkerApp, DemoSeeder } from '../../../libs/platform/src/index.js';
import { tenants } from '../../../tenants/index.js';
import { printDemoCredentials, exitOnBootFailure } from '../../shared/boot-output.js';
import { closeOnSignals } from '../../shared/shutdown.js';
import { Lifecycle } from '../../../libs/health/src/index.js';

/** Closing order: the worker first, then the api, which owns (and on close stops) an embedded server. */
const opened: INestApplicationContext[] = [];
try {
  const { app, config, prepared } = await createApiApp({ tenants });
  opened.unshift(app);
  closeOnSignals(opened, console.log, { begin: () => app.get(Lifecycle).beginDrain(), delayMs: config.shutdownDrainMs });
  if (config.SEED_DEMO) printDemoCredentials(await app.get(DemoSeeder).seed(), config.PORT);
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(
    `api listening on http://localhost:${config.PORT} (docs at /docs, health at /health, /health/live and /health/ready)`,
  );
  // With the embedded database there is one server for one process: the worker runs alongside,
  // started once the api answers so start-up is not twice as long.
  if (!config.DATABASE_URL) {
    opened.unshift((await createWorkerApp({ tenants, prepared })).app);
    console.log('worker started alongside the api');
  }
} catch (err) {
  for (const app of opened) await app.close().catch(() => undefined);
  exitOnBootFailure(err);
}
