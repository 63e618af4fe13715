/**
 * The platform under test in its own process, so its memory is measured alone (not with the bare
 * server and the bench's own bookkeeping). Boots the api as `npm start` would (no worker), makes
 * the bench's tenant and jobseeker, listens, and tells the parent where over IPC; it closes on
 * the parent's 'close'.
 */
import 'reflect-metadata';
import { createApiApp } from '../../libs/platform/src/index.js';
import { AccountsService } from '../../libs/auth/src/index.js';
import { AppConfig } from '../../libs/config/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { RequestContext, SYSTEM } from '../../libs/context/src/index.js';
import { tenants } from '../../tenants/index.js';

export interface PlatformReady {
  readonly port: number;
  readonly tenantKey: string;
  readonly tenantId: string;
  readonly jwtSecret: string;
  readonly appUrl: string;
  readonly poolSize: number;
  readonly password: string;
}

const PASSWORD = 'benchmark-password-2026';
const { app, prepared } = await createApiApp({ tenants });
const config = app.get(AppConfig);
const ref = await app
  .get(TenantsService)
  .create({ key: 'bench-request-path', plugin: 'kandidatenbank', name: 'Bench' }, { ifMissing: true });
await RequestContext.run({ tenant: ref, actor: SYSTEM }, async () => {
  if (await app.get(AccountsService).findByEmail('jobseeker@bench.example')) return;
  await app.get(AccountsService).create({
    email: 'jobseeker@bench.example',
    password: PASSWORD,
    displayName: 'Bench jobseeker',
    roles: ['jobseeker'],
    emailVerified: true,
  });
});
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
const ready: PlatformReady = {
  port,
  tenantKey: ref.key,
  tenantId: ref.id,
  jwtSecret: config.JWT_SECRET,
  appUrl: prepared.appUrl,
  poolSize: config.DATABASE_POOL_SIZE,
  password: PASSWORD,
};
process.send!({ ready });
process.on('message', (msg: { close?: boolean }) => {
  if (!msg.close) return;
  void app.close().then(() => process.exit(0));
});
