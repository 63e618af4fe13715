import { AppConfig } from '../../libs/config/src/index.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { createApiApp } from '../../libs/platform/src/index.js';
import { AccountsService, DeferredWork, OrgUnitsService } from '../../libs/auth/src/index.js';
import { PLATFORM_TENANT_KEY, TenantsService } from '../../libs/tenancy/src/index.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../libs/context/src/index.js';
import type { Clock } from '../../libs/config/src/index.js';
import type { PreparedDatabase } from '../../libs/database/src/index.js';
import type { Role, TenantDefinition, OrgUnitKind } from '../../libs/plugin-api/src/index.js';
import { tenants as registeredTenants } from '../../tenants/index.js';
import { pooledDatabase, releasePooledDatabase, throughPgBouncer } from './through-pgbouncer.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  roles: Role[];
  tenant: TenantRef;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * The real app on the real database, once per test file. Tests isolate by tenant: each creates
 * its own with a random key, so files can run in parallel against one database.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly prepared: PreparedDatabase,
    private readonly pooled = false,
  ) {}

  static async boot(
    opts: {
      tenants?: readonly TenantDefinition[];
      clock?: Clock;
      env?: Record<string, string>;
      logDestination?: DestinationStream;
      /** The port to listen on (a page test whose mailed links must point here); any free one when unset. */
      port?: number;
    } = {},
  ) {
    const tenants = opts.tenants ?? registeredTenants;
    const env = { ...process.env, ...opts.env };
    const pooled = throughPgBouncer() ? await pooledDatabase(env, tenants) : undefined;
    try {
      const { app, prepared } = await createApiApp({ tenants, clock: opts.clock, env, logDestination: opts.logDestination, prepared: pooled });
      // Listening once, supertest sends every request to this one port over kept-alive
      // connections. Left to itself it listened on a new port per request and closed it: the
      // route-sweeping suites, thousands of requests each in parallel files, ran the machine out
      // of ephemeral ports (listen EADDRINUSE) while the closed ones waited out TIME_WAIT.
      await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' }).catch(async (err: unknown) => {
        await app.close();
        throw err;
      });
      return new TestApp(app, prepared, pooled !== undefined);
    } catch (err) {
      if (pooled) await releasePooledDatabase();
      throw err;
    }
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    return this.app.get(token as never) as T;
  }

  /** A fresh tenant on the given definition, with a random key. */
  async createTenant(plugin: string, key = `${plugin.slice(0, 20)}-${randomBytes(4).toString('hex')}`): Promise<TenantRef> {
    return this.get(TenantsService).create({ key, plugin, name: `Test ${key}` });
  }

  /** The tenant platform operators sign in to (one per database, shared by every test file). */
  platformTenant(): Promise<TenantRef> {
    return this.get(TenantsService).create(
      { key: PLATFORM_TENANT_KEY, plugin: PLATFORM_TENANT_KEY, name: 'Platform' },
      { ifMissing: true },
    );
  }

  inTenant<T>(tenant: TenantRef, fn: () => Promise<T>): Promise<T> {
    return RequestContext.run({ tenant, actor: SYSTEM }, fn);
  }

  async createOrgUnit(tenant: TenantRef, kind: OrgUnitKind, opts: { parentId?: string; candidateBankAccess?: boolean } = {}) {
    return this.inTenant(tenant, () =>
      this.get(OrgUnitsService).create({ key: `${kind}-${randomBytes(3).toString('hex')}`, name: `Unit ${kind}`, kind, ...opts }),
    );
  }

  async createAccount(
    tenant: TenantRef,
    roles: Role[],
    opts: { email?: string; orgUnitIds?: string[]; displayName?: string } = {},
  ): Promise<TestAccount> {
    const email = opts.email ?? `${roles[0]}-${randomBytes(4).toString('hex')}@example.test`;
    const account = await this.inTenant(tenant, () =>
      this.get(AccountsService).create({
        email,
        password: TEST_PASSWORD,
        displayName: opts.displayName ?? `Test ${roles.join(' ')}`,
        roles,
        orgUnitIds: opts.orgUnitIds,
        emailVerified: true,
      }),
    );
    return { id: account.id, email, password: TEST_PASSWORD, roles, tenant };
  }

  /** Waits for the work answered-first requests (registration, password reset) do after their 202. */
  /** The token /metrics answers to, for tests that may not import the core's configuration. */
  metricsToken(): string {
    return this.get(AppConfig).metricsToken!;
  }

  settled(): Promise<void> {
    return this.get(DeferredWork).settled();
  }

  /** Signs in through the real login route and returns the access token. */
  async login(account: { email: string; password: string; tenant: TenantRef }): Promise<string> {
    const res = await this.http('post', '/auth/login', {
      tenant: account.tenant.key,
      body: { email: account.email, password: account.password },
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  /** A signed-in account in one call. */
  async signedIn(tenant: TenantRef, roles: Role[], opts: { orgUnitIds?: string[] } = {}) {
    const account = await this.createAccount(tenant, roles, opts);
    return { ...account, token: await this.login(account) };
  }

  http(
    method: HttpMethod,
    path: string,
    opts: { tenant?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    let req = request(this.app.getHttpServer())[method](path);
    if (opts.tenant) req = req.set('X-Tenant', opts.tenant);
    if (opts.token) req = req.set('Authorization', `Bearer ${opts.token}`);
    for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.set(k, v);
    if (opts.body !== undefined) req = req.send(opts.body as object);
    return req;
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.pooled) await releasePooledDatabase();
  }
}
