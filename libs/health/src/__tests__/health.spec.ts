import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { MailService } from '../../../mail/src/index.js';
import { Lifecycle } from '../lifecycle.js';
import type { DestinationStream } from 'pino';
import { TestApp } from '../../../../test/support/test-app.js';

/** The headers of an answer that differ from one answer to the next. */
const PER_ANSWER = ['date', 'x-request-id', 'connection', 'keep-alive'];
const lasting = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_ANSWER.includes(name)));

describe('GET /health', () => {
  it('answers ok with a database check, without a tenant or a token', async () => {
    const t = await TestApp.boot();
    try {
      const res = await t.http('get', '/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: { status: 'ok', latencyMs: expect.any(Number) },
      });
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      await t.close();
    }
  });

  it('answers 503 as a problem when the database does not answer', async () => {
    const t = await TestApp.boot();
    try {
      await t.get(DataSource).destroy();
      const res = await t.http('get', '/health');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, detail: 'database unreachable' });
    } finally {
      await t.close();
    }
  });
});

describe('liveness and readiness', () => {
  it('liveness is answered before the framework, with the status, body and headers of the Nest route', async () => {
    const lines: Record<string, unknown>[] = [];
    const logDestination: DestinationStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const t = await TestApp.boot({ env: { LOG_LEVEL: 'info' }, logDestination });
    try {
      // The first probe goes through Fastify and Nest (a request log line); the fast path keeps its answer.
      const logged = () => lines.filter((l) => l.msg === 'request' && l.url === '/health/live').length;
      const routed = await t.http('get', '/health/live');
      expect(routed.status).toBe(200);
      expect(logged()).toBe(1);
      const before = logged();

      const live = await t.http('get', '/health/live');
      expect(live.status).toBe(200);
      expect(live.text).toBe(routed.text);
      expect(live.body).toEqual({ status: 'ok' });
      expect(lasting(live.headers)).toEqual(lasting(routed.headers));
      expect(live.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-length': '15',
      });
      expect(live.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(live.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // One header list serves every probe: each answer still carries its own id.
      const again = await t.http('get', '/health/live');
      expect(again.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(again.headers['x-request-id']).not.toBe(live.headers['x-request-id']);
      expect(live.headers.connection).toBe(routed.headers.connection);
      // No request log line: the answer never reached Fastify's hooks.
      expect(logged()).toBe(before);

      expect((await t.http('get', '/health/live', { headers: { 'x-request-id': 'probe-1' } })).headers['x-request-id']).toBe('probe-1');
      const unsafe = await t.http('get', '/health/live', { headers: { 'x-request-id': 'a b' } });
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect((await t.http('get', '/health/live?probe=k8s')).body).toEqual({ status: 'ok' });

      const head = await request(t.app.getHttpServer()).head('/health/live');
      expect(head.status).toBe(200);
      expect(lasting(head.headers)).toEqual(lasting(routed.headers));

      // Anything else still goes through the framework, as before.
      expect((await t.http('post', '/health/live')).status).toBe(404);
      expect((await t.http('get', '/health/live/')).status).toBe(404);
      expect((await t.http('get', '/health/lively')).status).toBe(404);
      expect(logged()).toBe(before);
    } finally {
      await t.close();
    }
  });

  it('liveness says the process runs, whatever the database does; readiness is refused without the database', async () => {
    const t = await TestApp.boot();
    try {
      const live = await t.http('get', '/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
      const ready = await t.http('get', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: expect.stringMatching(/^(ok|degraded)$/),
        database: { status: 'ok' },
        mailQueue: { status: expect.stringMatching(/^(ok|degraded)$/), due: expect.any(Number), oldestDueSeconds: expect.any(Number) },
      });

      await t.get(DataSource).destroy();
      expect((await t.http('get', '/health/live')).status).toBe(200);
      const down = await t.http('get', '/health/ready');
      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.body).toMatchObject({ status: 503, detail: 'database unreachable' });
    } finally {
      await t.close();
    }
  });

  it('while the process drains after SIGTERM, readiness is refused and every answer closes its connection; liveness stays', async () => {
    const t = await TestApp.boot();
    try {
      t.get(Lifecycle).beginDrain();
      const ready = await t.http('get', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 503, detail: 'draining: this process is shutting down' });
      const live = await t.http('get', '/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
      expect(live.headers['cache-control']).toBe('no-store');
      expect(live.headers.connection).toBe('close');
      expect((await t.http('get', '/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('readiness reports a mail queue nobody drains as degraded (still 200: a restart of the api would not drain it)', async () => {
    const t = await TestApp.boot();
    try {
      const tenant = await t.createTenant('kandidatenbank');
      const stalled = 2 * t.get(AppConfig).MAIL_SEND_LEASE_SECONDS + 60;
      await t.get(TenantDb).forTenant(tenant, async (tx) => {
        await t.get(MailService).enqueue(tx, {
          template: 'profile-reconfirm',
          to: { address: 'stalled@example.test', locale: 'en' },
          variables: { name: 'Stalled', confirmUrl: 'https://kb.example/confirm?t=abc', deadline: '1 April 2026' },
        });
        await tx.query(`UPDATE mail_messages SET next_attempt_at = now() - make_interval(secs => $2) WHERE tenant_id = $1`, [
          tx.tenantId,
          stalled,
        ]);
      });
      const ready = await t.http('get', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.mailQueue.status).toBe('degraded');
      expect(ready.body.mailQueue.oldestDueSeconds).toBeGreaterThanOrEqual(stalled - 1);
    } finally {
      await t.close();
    }
  });
});
