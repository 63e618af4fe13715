import 'dotenv/config';
import { createWorkerApp } from '../../../libs/platform/src/index.js';
import { tenants } from '../../../tenants/index.js';
import { exitOnBootFailure } from '../../shared/boot-output.js';
import { closeOnSignals } from '../../shared/shutdown.js';

try {
  const { app } = await createWorkerApp({ tenants });
  closeOnSignals([app]);
  console.log('worker started: schedulers and queue consumers are running');
} catch (err) {
  exitOnBootFailure(err);
}
