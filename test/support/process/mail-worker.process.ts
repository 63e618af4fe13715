/**
 * A worker process for tests that must kill one: the real worker app (schedulers, mail delivery)
 * serving one test tenant, on the database and runtime role the test passes in its environment.
 * Started by `spawnMailWorker` (../mail-worker.ts) with `node --import register-ts.mjs`, so it runs
 * the current sources. Once its modules are loaded it prints `worker loaded` and waits for a line
 * on standard input (a test can load a process while it does other work); then it boots and prints
 * `worker ready`. SIGTERM closes it cleanly.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createWorkerApp } from '../../../libs/platform/src/index.js';
import { AheadClock } from '../ahead-clock.js';
import { mailTestTenant } from '../../../libs/mail/src/__tests__/support/mail-test-tenant.js';
import { closeOnSignals } from '../../../apps/shared/shutdown.js';

const key = process.env.TEST_WORKER_TENANT;
if (!key) throw new Error('TEST_WORKER_TENANT must name the test tenant definition to serve');
process.stdout.write('worker loaded\n');
await once(createInterface({ input: process.stdin }), 'line');
const { app } = await createWorkerApp({
  tenants: [mailTestTenant(key).definition],
  clock: new AheadClock(Number(process.env.TEST_WORKER_CLOCK_AHEAD_MS ?? 0)),
});
closeOnSignals([app], () => undefined);
process.stdout.write('worker ready\n');
