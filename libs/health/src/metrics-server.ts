import { createServer, type Server } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import type { Metrics } from './metrics.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics for a process without an HTTP api (the worker), with the same bearer token as the
 * api's. Anything else is 404; a missing or wrong token 401; no token configured, 401 to all.
 */
export async function serveMetrics(metrics: Metrics, opts: { port: number; host: string; token: string | null }): Promise<Server> {
  const expected = opts.token === null ? null : digest(opts.token);
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      const [scheme, value] = (req.headers.authorization ?? '').split(' ');
      if (expected === null || scheme?.toLowerCase() !== 'bearer' || !value || !timingSafeEqual(digest(value), expected)) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('The metrics token is required\n');
        return;
      }
      const { contentType, body } = await metrics.exposition();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    })().catch(() => res.writeHead(500).end());
  });
  server.listen(opts.port, opts.host);
  await once(server, 'listening');
  return server;
}
