import type { Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '../../../config/src/index.js';
import { createWorkerApp } from '../../../platform/src/index.js';
import { tenants } from '../../../../tenants/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { freePort } from '../../../../test/support/api-process.js';
import { Metrics } from '../metrics.js';
import { serveMetrics } from '../metrics-server.js';

/** A worker has no api: with METRICS_PORT it serves /metrics itself, behind the same token. */
describe("a worker's own /metrics", () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let server: Server;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.boot();
    ({ app: worker } = await createWorkerApp({ tenants, prepared: t.prepared, env: { ...process.env, MAIL_POLL_INTERVAL_MS: '600000' } }));
    const config = worker.get(AppConfig);
    token = config.metricsToken!;
    const port = await freePort();
    server = await serveMetrics(worker.get(Metrics), { port, host: config.METRICS_HOST, token });
    url = `http://${config.METRICS_HOST}:${port}`;
  });
  afterAll(async () => {
    server?.close();
    await worker?.close();
    await t?.close();
  });

  it('listens on localhost by default and refuses a scrape without the token', async () => {
    expect(worker.get(AppConfig).METRICS_HOST).toBe('127.0.0.1');
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${token}x` }, { authorization: 'Bearer ' }];
    for (const headers of attempts) {
      const res = await fetch(`${url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('recruit_');
    }
    expect((await fetch(`${url}/other`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it("gives the worker's counters and its pool with the token", async () => {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE recruit_mail_deliveries_total counter');
    expect(text).toContain('# TYPE recruit_retention_sweep_batches_total counter');
    expect(text).toContain('recruit_db_pool_connections{state="max"}');
  });
});
