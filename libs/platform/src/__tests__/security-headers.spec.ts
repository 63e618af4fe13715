import { randomUUID, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { TenantRef } from '../../../context/src/index.js';
import { loadConfig } from '../../../config/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { addressHash } from '../../../mail/src/address.js';
import { MailLinksService } from '../../../mail/src/mail-links.service.js';
import { RespondTokenService } from '../../../retention/src/respond-token.service.js';
import { Clock } from '../../../config/src/clock.js';
import { TenantRegistry } from '../../../tenancy/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { discoverRoutes } from '../../../../test/support/routes.js';
import { docsPolicy, helmetOptions, installSecurityHeaders, swaggerUiScriptStyles } from '../security-headers.js';

type Headers = Record<string, string | undefined>;

/** The headers every answer carries, HTML or not, success or error. */
function expectBaseline(headers: Headers, where: string, resourcePolicy = 'same-origin') {
  const csp = headers['content-security-policy'] ?? '';
  const problems: string[] = [];
  if (!/(^|;\s*)default-src 'none'/.test(csp)) problems.push(`no default-src 'none' (${csp})`);
  if (!/(^|;\s*)frame-ancestors 'none'/.test(csp)) problems.push('no frame-ancestors');
  if (/'unsafe-inline'|'unsafe-eval'|\*/.test(csp)) problems.push(`a loose source in ${csp}`);
  if (headers['x-frame-options'] !== 'DENY') problems.push('no X-Frame-Options: DENY');
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  if (headers['referrer-policy'] !== 'no-referrer') problems.push('no Referrer-Policy');
  if (headers['cross-origin-opener-policy'] !== 'same-origin') problems.push('no Cross-Origin-Opener-Policy');
  if (headers['cross-origin-resource-policy'] !== resourcePolicy) problems.push('no Cross-Origin-Resource-Policy');
  expect({ where, problems }).toEqual({ where, problems: [] });
}

/** Browsers hash the exact text between the tags (CSP Level 3). */
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('security headers', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  it('every route answers with the security headers, whoever asks and whatever the answer', async () => {
    const routes = discoverRoutes(t.app);
    expect(routes.length).toBeGreaterThan(50);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'tenant' ? tenant.key : randomUUID()));
      const res = await t.http(r.method.toLowerCase() as 'get', path, { tenant: tenant.key });
      // The one exception: a tracked mail's pixel is an image web mail shows from another origin.
      expectBaseline(res.headers, `${r.route} -> ${res.status}`, r.route === 'GET /mail/t/:tenant/o/:file' ? 'cross-origin' : 'same-origin');
    }
    for (const path of ['/health', '/docs-json', '/no-such-route']) expectBaseline((await t.http('get', path)).headers, path);
    expectBaseline((await t.http('get', '/auth/me', { headers: { host: 'unknown.example' } })).headers, 'unknown tenant');
  });

  it('the one-click unsubscribe page cannot be framed, runs no script and allows only its own stylesheet', async () => {
    const links = t.get(MailLinksService).links(tenant, {
      addressHash: addressHash(tenant.id, `page-${randomUUID()}@example.test`),
      category: 'newsletter',
      personId: randomUUID(),
    });
    const url = new URL(links.unsubscribeUrl);
    const res = await t.http('get', `${url.pathname}${url.search}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectBaseline(res.headers, 'unsubscribe page');
    const csp = res.headers['content-security-policy'];
    expect(csp).not.toMatch(/script-src/);
    expect(csp).toMatch(/(^|;)form-action 'self'/);
    // Every inline style of the page is allowed by its hash; it has no style attribute and no script.
    const styles = [...res.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(styles.length).toBe(1);
    for (const s of styles) expect(csp).toContain(sha(s));
    expect(res.text).not.toMatch(/\sstyle\s*=|<script/i);
  });

  it('the preferences page and the reminder answer link carry the same headers', async () => {
    const links = t.get(MailLinksService).links(tenant, {
      addressHash: addressHash(tenant.id, `prefs-${randomUUID()}@example.test`),
      category: 'newsletter',
      personId: randomUUID(),
    });
    const prefs = new URL(links.preferencesUrl);
    const res = await t.http('get', `${prefs.pathname}${prefs.search}`);
    expect(res.status).toBe(200);
    expectBaseline(res.headers, 'preferences');

    const personId = randomUUID();
    const now = t.get(Clock).now();
    const key = t.get(TenantRegistry).get('kandidatenbank').retention.find((x) => x.personKind === 'jobseeker')!.key;
    await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_step, reminders_sent, next_due_at, updated_at)
         VALUES ($1, $2, $3, 'jobseeker', $4, 1, 1, $4, $4)`,
        [tx.tenantId, personId, key, now],
      ),
    );
    const token = t.get(RespondTokenService).sign({ t: tenant.id, p: personId, s: key, a: now.getTime() });
    const respond = await t.http('get', `/retention/respond?token=${token}`, { tenant: tenant.key });
    expect(respond.status).toBeLessThan(300);
    expectBaseline(respond.headers, 'retention respond');
  });

  it('sends HSTS in production only (a year, subdomains included)', async () => {
    const production = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: randomUUID() + randomUUID(),
      BOUNCE_WEBHOOK_SECRET: randomUUID(),
      DATABASE_URL: 'postgres://owner@db/recruit',
      DATABASE_APP_URL: 'postgres://app@db/recruit',
      SMTP_URL: 'smtp://mail:25',
    });
    const hsts = async (config: typeof production) => {
      @Module({})
      class Empty {}
      const app = await NestFactory.create<NestFastifyApplication>(Empty, new FastifyAdapter(), { logger: false });
      installSecurityHeaders(app.getHttpAdapter().getInstance(), helmetOptions(config));
      app.getHttpAdapter().getInstance().get('/x', async () => ({ ok: true }));
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const res = await request(app.getHttpServer()).get('/x');
      await app.close();
      return res.headers['strict-transport-security'];
    };
    expect(await hsts(production)).toBe('max-age=31536000; includeSubDomains');
    expect(await hsts(loadConfig({}))).toBeUndefined();
    expect((await t.http('get', '/health')).headers['strict-transport-security']).toBeUndefined();
  });

  /**
   * The Swagger UI page is built by @nestjs/swagger (jest cannot serve it: its file server needs
   * an ES module jest does not load; scripts/smoke-start.sh checks the served page, and the page
   * was checked in Chromium: it renders every operation with no policy violation). Its policy
   * allows each inline part of exactly that page by hash, and nothing by keyword.
   */
  it('the API docs page gets a policy that allows exactly its own inline parts and files, nothing looser', async () => {
    const swaggerUi = join(dirname(createRequire(import.meta.url).resolve('@nestjs/swagger')), 'swagger-ui', 'swagger-ui.js');
    const { buildSwaggerHTML } = (await import(pathToFileURL(swaggerUi).href)) as {
      buildSwaggerHTML: (base: string, options: object) => string;
    };
    for (const html of [buildSwaggerHTML('./docs/', {}), buildSwaggerHTML('./', {})]) {
      const csp = docsPolicy(html);
      expectBaseline(baselineOf(csp), 'docs');
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      const attributes = [...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => m[1]);
      expect(styles.length).toBeGreaterThan(0);
      for (const s of [...styles, ...attributes]) expect(csp).toContain(sha(s));
      // The style element Swagger UI's own script adds (its logo), found in the files it serves.
      expect(swaggerUiScriptStyles()).toContainEqual(expect.stringMatching(/^\.logo_small_svg__cls-2\{fill:#fff\}/));
      for (const s of swaggerUiScriptStyles()) expect(csp).toContain(sha(s));
      expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
      // A style or script injected into the page would not be allowed.
      expect(docsPolicy(html)).toBe(csp);
      expect(csp).not.toContain(sha('alert(1)'));
    }
  });
});

/** The headers the app adds next to a policy, to check a policy on its own against the baseline. */
function baselineOf(csp: string): Headers {
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
