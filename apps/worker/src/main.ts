import 'dotenv/config';
import { createWorkerApp } from '../../../libs/platform/src/index.js';
import { tenants } from '../../../tenants/index.js';
import { exitOnBootFailure } from '../../shared/boot-output.js';

try {
  await createWorkerApp({ tenants });
  console.log('worker started: schedulers and queue consumers are running');
} catch (err) {
  exitOnBootFailure(err);
}
