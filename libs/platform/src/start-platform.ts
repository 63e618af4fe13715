import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplicationContext } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyMultipart from '@fastify/multipart';
import type { DestinationStream } from 'pino';
import { loadConfig, type AppConfig, type Clock } from '../../config/src/index.js';
import { prepareDatabase, type PreparedDatabase } from '../../database/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { TenantsService, installTenantContext } from '../../tenancy/src/index.js';
import {
  createRootLogger,
  createValidationPipe,
  frameworkErrorAsProblem,
  installJsonBodyParser,
  installNulCharacterGuard,
  PinoNestLogger,
  ProblemDetailsFilter,
  toProblem,
} from '../../http/src/index.js';
import { httpRequestDuration, Lifecycle } from '../../health/src/index.js';
import { CORE_MIGRATIONS } from './capabilities.js';
import { assertValidTenants } from './definition-checks.js';
import { completeApiDocument } from './openapi/api-document.js';
import { PlatformModule } from './platform.module.js';
import { LivenessFastPath } from './liveness.js';
import { requestIdOf, trustProxyOption } from './request-origin.js';
import { helmetOptions, installDocsPolicy, installSecurityHeaders } from './security-headers.js';

export interface StartOptions {
  readonly tenants: readonly TenantDefinition[];
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  /** Already prepared database (tests share one server per run). */
  readonly prepared?: PreparedDatabase;
  /** Where the JSON log lines go; standard output when unset. */
  readonly logDestination?: DestinationStream;
}

export interface Booted<A> {
  readonly app: A;
  readonly config: AppConfig;
  readonly prepared: PreparedDatabase;
}

/** Config, tenant definitions and database, in the order that gives the clearest boot failure. */
async function prepare(options: StartOptions) {
  const config = loadConfig(options.env ?? process.env);
  assertValidTenants(options.tenants);
  const logger = createRootLogger(config.LOG_LEVEL, options.logDestination);
  const migrations = [...CORE_MIGRATIONS, ...options.tenants.flatMap((t) => t.migrations ?? [])];
  const prepared =
    options.prepared ?? (await prepareDatabase(config, migrations, (line) => logger.info({ context: 'database' }, line)));
  return { config, logger, prepared };
}

/** The HTTP API, fully configured but not yet listening. */
export async function createApiApp(options: StartOptions): Promise<Booted<NestFastifyApplication>> {
  const ready = await prepare(options);
  return releaseOnFailure(options, ready.prepared, () => buildApiApp(options, ready));
}

async function buildApiApp(
  options: StartOptions,
  { config, logger, prepared }: Awaited<ReturnType<typeof prepare>>,
): Promise<Booted<NestFastifyApplication>> {
  const liveness = new LivenessFastPath();
  const adapter = new FastifyAdapter({
    logger: false,
    // Off unless TRUST_PROXY names the proxies: X-Forwarded-Host picks the tenant.
    trustProxy: trustProxyOption(config),
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: requestIdOf,
    frameworkErrors: frameworkErrorAsProblem,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    PlatformModule.forRoot({ config, prepared, tenants: options.tenants, clock: options.clock, ownsDatabase: !options.prepared }),
    adapter,
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  liveness.install(fastify.server);
  installSecurityHeaders(fastify, helmetOptions(config));
  installDocsPolicy(fastify);
  // Uploads: one file per request, no other parts; each route narrows the size to its tenant's limit.
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: Math.max(1, ...options.tenants.map((t) => t.profile.maxDocumentBytes)),
      files: 1,
      fields: 0,
      parts: 1,
      headerPairs: 50,
    },
  });
  // Errors raised by Fastify before Nest sees the request (malformed JSON, body too large).
  fastify.setErrorHandler((err, req, reply) => {
    const problem = toProblem(err, req.url.split('?')[0]);
    if (problem.status >= 500) logger.error({ err, requestId: req.id }, 'unhandled error');
    void reply.code(problem.status).type('application/problem+json').send(problem);
  });
  const lifecycle = app.get(Lifecycle);
  liveness.setDraining(() => lifecycle.draining);
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('cache-control', 'no-store');
    // Draining: the client's next request opens a new connection, which the load balancer sends elsewhere.
    if (lifecycle.draining) reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the path: paths carry person ids (/profiles/<id>) and log lines outlive erasure.
    const route = req.routeOptions?.url ?? '(no route)';
    logger.info(
      { requestId: req.id, method: req.method, url: route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    httpRequestDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  installJsonBodyParser(app);
  installNulCharacterGuard(fastify);
  installTenantContext(fastify, app.get(TenantsService));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recruitment platform API')
      .setDescription('Send the tenant key in the X-Tenant header, or call a tenant host name.')
      .addBearerAuth()
      .addGlobalParameters({ in: 'header', name: 'X-Tenant', required: false, schema: { type: 'string' } })
      .build(),
  );
  completeApiDocument(app, doc);
  SwaggerModule.setup('docs', app, doc, { swaggerUiEnabled: config.API_DOCS_UI });
  await initOrRelease(app, async () => {
    await app.init();
    await fastify.ready();
  });
  return { app, config, prepared };
}

/** The worker: the same modules without HTTP; schedulers and queue consumers run here. */
export async function createWorkerApp(options: StartOptions): Promise<Booted<INestApplicationContext>> {
  const ready = await prepare(options);
  return releaseOnFailure(options, ready.prepared, () => buildWorkerApp(options, ready));
}

async function buildWorkerApp(
  options: StartOptions,
  { config, logger, prepared }: Awaited<ReturnType<typeof prepare>>,
): Promise<Booted<INestApplicationContext>> {
  const app = await NestFactory.createApplicationContext(
    PlatformModule.forRoot({
      config,
      prepared,
      tenants: options.tenants,
      clock: options.clock,
      role: 'worker',
      ownsDatabase: !options.prepared,
    }),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  await initOrRelease(app, () => app.init());
  return { app, config, prepared };
}

/** A boot that fails after starting its own (embedded) database stops it again. */
async function releaseOnFailure<T>(options: StartOptions, prepared: PreparedDatabase, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (err) {
    if (!options.prepared) await prepared.stop().catch(() => undefined);
    throw err;
  }
}

/**
 * A failure while modules initialise (a tenant's templates, a capability's start-up check) still
 * closes what was opened, so the pool and an embedded server do not outlive the failed boot.
 */
async function initOrRelease(app: INestApplicationContext, init: () => Promise<unknown>): Promise<void> {
  try {
    await init();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}
