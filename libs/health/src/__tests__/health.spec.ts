import { DataSource } from 'typeorm';
import { TestApp } from '../../../../test/support/test-app.js';

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
