import request from 'supertest';
import type { DestinationStream } from 'pino';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { discoverRoutes } from '../../../../test/support/routes.js';
import { testOnlyTenant } from '../../../../test/support/test-only-tenant/test-only.tenant.js';
import { tenants } from '../../../../tenants/index.js';

/** A log destination that keeps the JSON lines for inspection. */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const stream: DestinationStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return { lines, stream };
}

describe('the API process', () => {
  const logs = captureLogs();
  let t: TestApp;
  let x: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({
      tenants: [...tenants, testOnlyTenant],
      env: { LOG_LEVEL: 'info' },
      logDestination: logs.stream,
    });
    x = await t.createTenant('test-only');
  });
  afterAll(() => t?.close());

  it('describes every route in its OpenAPI document at /docs-json', async () => {
    const res = await t.http('get', '/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const undocumented = discoverRoutes(t.app).filter((r) => !documented.has(r.route));
    expect(undocumented.map((r) => r.route)).toEqual([]);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it("echoes the caller's x-request-id, or gives each request a new one", async () => {
    const given = await t.http('get', '/health', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const first = await t.http('get', '/health');
    const second = await t.http('get', '/health');
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('writes one structured JSON log line per request, with the request id, tenant, status and duration', async () => {
    const admin = await t.signedIn(x, ['tenant-admin']);
    await t.http('get', '/settings', {
      tenant: x.key,
      token: admin.token,
      headers: { 'x-request-id': 'log-check-1' },
    });
    const line = logs.lines.find((l) => l.requestId === 'log-check-1' && l.msg === 'request');
    expect(line).toMatchObject({
      level: 30,
      service: 'recruit-platform',
      tenant: x.key,
      method: 'GET',
      url: '/settings',
      status: 200,
      ms: expect.any(Number),
    });
    expect(typeof line!.time).toBe('number');
  });

  it('logs a server error with its request id, and keeps tokens and passwords out of the log', async () => {
    const staff = await t.signedIn(x, ['staff']);
    const res = await t.http('post', '/test-only/notes', {
      tenant: x.key,
      token: staff.token,
      body: { text: 'too long for the table' },
      headers: { 'x-request-id': 'log-check-500' },
    });
    expect(res.status).toBe(500);
    const error = logs.lines.find((l) => l.requestId === 'log-check-500' && l.level === 50);
    expect(error).toMatchObject({ msg: 'unhandled error', context: 'http' });
    const everything = JSON.stringify(logs.lines);
    expect(everything).not.toContain(staff.token);
    expect(everything).not.toContain(staff.password);
    // Logs outlive erasure: the value that failed (SQL parameters, the row) stays out too.
    expect(everything).not.toContain('too long for the table');
    expect(error!.err).toMatchObject({ code: expect.stringMatching(/^[0-9A-Z]{5}$/) });
  });

  it('logs the route, never the path: ids of people in a URL do not reach the log', async () => {
    const staff = await t.signedIn(x, ['staff']);
    const someone = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    await t.http('get', `/profiles/${someone}`, { tenant: x.key, token: staff.token, headers: { 'x-request-id': 'log-route-1' } });
    await t.http('get', `/nowhere/${someone}`, { tenant: x.key, headers: { 'x-request-id': 'log-route-2' } });
    expect(logs.lines.find((l) => l.requestId === 'log-route-1' && l.msg === 'request')).toMatchObject({ url: '/profiles/:id' });
    expect(logs.lines.find((l) => l.requestId === 'log-route-2' && l.msg === 'request')).toMatchObject({ url: '(no route)' });
    expect(JSON.stringify(logs.lines)).not.toContain(someone);
  });

  it('finishes a request that is in flight when the app is told to shut down', async () => {
    const own = await TestApp.boot({ tenants: [...tenants, testOnlyTenant] });
    const tenant = await own.createTenant('test-only');
    const server = own.app.getHttpServer();
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const inFlight = request(url)
      .get('/test-only/slow?ms=400')
      .set('X-Tenant', tenant.key)
      .then((r) => r);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await own.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ done: true, notes: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // And once closed, it takes no new requests.
    await expect(request(url).get('/health')).rejects.toThrow(/ECONNREFUSED/);
  });
});
