import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { httpRequestDuration } from '../../health/src/index.js';
import { requestIdOf } from './request-origin.js';

export const LIVENESS_PATH = '/health/live';

/** Headers of the route's answer that belong to one answer or one connection, never copied. */
const PER_ANSWER = new Set(['date', 'x-request-id', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * `GET /health/live` (and HEAD) answered by the HTTP server before Fastify and Nest see the
 * request. Orchestrators and load balancers call it every few seconds per process and under load
 * it must not queue behind the framework's per-request work (router, guards, interceptors, pipes,
 * hooks): through Nest it ran at 0.15 of a bare node:http server. The answer is the Nest route's
 * own: the first GET goes through Fastify and Nest, and the status, body and headers it got
 * (helmet's set, cache-control, content-type; HSTS in production) are kept for every later probe,
 * so the two cannot drift apart; only the request id is made per answer. (Asking the route at
 * boot with `inject` would need light-my-request, which does not load under the ESM test runner.)
 *
 * What it leaves out: the request log line (a probe every few seconds per process is noise) and
 * the tenant lookup (liveness names no tenant). The latency histogram still counts it, as
 * route `/health/live`.
 */
export class LivenessFastPath {
  /**
   * The kept answer. `headers` ends with the request id's name and a slot for its value, filled
   * per answer: writeHead reads a flat list once and keeps nothing of it, so one list serves every
   * probe instead of a copy per probe. The body is a string so node writes it in the same chunk as
   * the header block (a Buffer body is queued as a second chunk).
   */
  private answer: { status: number; headers: string[]; closing: string[]; body: string } | null = null;
  private readonly observed = httpRequestDuration.labels({ method: 'GET', route: LIVENESS_PATH, status: '200' });
  private readonly observedHead = httpRequestDuration.labels({ method: 'HEAD', route: LIVENESS_PATH, status: '200' });

  private draining: () => boolean = () => false;

  /**
   * Puts the fast path in front of Fastify's request listener on Fastify's own server. Not a
   * Fastify `serverFactory`: with one, Fastify closes the server only when it was started by
   * `fastify.listen`, and a server listened on directly (supertest, the shutdown tests) would
   * stay open while the app closes its database under a request in flight.
   */
  install(server: Server): void {
    const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    if (listeners.length !== 1) throw new Error(`expected Fastify's one request listener, found ${listeners.length}`);
    const [fastify] = listeners;
    server.removeListener('request', fastify);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!this.tryAnswer(req, res)) fastify(req, res);
    });
  }

  /** From now on, an answer closes its connection while `draining()` says so. */
  setDraining(draining: () => boolean): void {
    this.draining = draining;
  }

  /**
   * Keeps the route's answer to a GET that went through Fastify and Nest: its status, body and
   * headers, without those of one answer or one connection.
   */
  private learnFrom(res: ServerResponse): void {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let body: Buffer | null = null;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) body = Buffer.from(chunk);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.once('finish', () => {
      if (this.answer !== null || body === null || res.statusCode !== 200) return;
      // A flat [name, value, ...] list: writeHead takes it as it is, without a headers object per answer.
      const headers: string[] = [];
      for (const [name, value] of Object.entries(res.getHeaders()))
        if (value !== undefined && !PER_ANSWER.has(name.toLowerCase()))
          for (const v of [value].flat()) headers.push(name, String(v));
      headers.push('content-length', String(body.length));
      const text = body.toString('utf8');
      // A body that is not valid UTF-8 would change length as a string: learn nothing, Nest keeps answering.
      if (Buffer.byteLength(text) !== body.length) return;
      this.answer = {
        status: res.statusCode,
        headers: [...headers, 'x-request-id', ''],
        closing: [...headers, 'connection', 'close', 'x-request-id', ''],
        body: text,
      };
    });
  }

  /** Answers a liveness probe and says so; anything else is left alone. */
  tryAnswer(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    if (!url.startsWith(LIVENESS_PATH) || (url.length !== LIVENESS_PATH.length && url[LIVENESS_PATH.length] !== '?')) return false;
    const head = req.method === 'HEAD';
    if (!head && req.method !== 'GET') return false;
    const answer = this.answer;
    if (answer === null) {
      if (!head) this.learnFrom(res);
      return false;
    }
    const started = performance.now();
    // Draining: the probe is still answered (the process lives), but like every other answer it
    // closes its connection, so the next request goes to a process that stays.
    const headers = this.draining() ? answer.closing : answer.headers;
    headers[headers.length - 1] = requestIdOf(req);
    res.writeHead(answer.status, headers);
    res.end(head ? undefined : answer.body);
    (head ? this.observedHead : this.observed).observe((performance.now() - started) / 1000);
    return true;
  }
}
