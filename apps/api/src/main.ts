import 'dotenv/config';
import { createApiApp, createWorkerApp, DemoSeeder } from '../../../libs/platform/src/index.js';
import { tenants } from '../../../tenants/index.js';
import { printDemoCredentials, exitOnBootFailure } from '../../shared/boot-output.js';

try {
  const { app, config, prepared } = await createApiApp({ tenants });
  // With the embedded database there is one server for one process: the worker runs alongside.
  if (!config.DATABASE_URL) await createWorkerApp({ tenants, prepared });
  if (config.SEED_DEMO) printDemoCredentials(await app.get(DemoSeeder).seed(), config.PORT);
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`api listening on http://localhost:${config.PORT} (docs at /docs, health at /health)`);
} catch (err) {
  exitOnBootFailure(err);
}
