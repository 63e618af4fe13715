import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/src/index.js';

/** What a caller's id may look like: short, and safe to log, store and echo in a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request's id: the caller's X-Request-Id when it is a short safe token (a proxy's or a
 * client's trace id), otherwise a new one. It goes into every log line, every audit row and the
 * response, so an 8,000-character or multi-line value is never taken over.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** TRUST_PROXY for Fastify: a hop count becomes "the first n hops", as Fastify counts them. */
export function trustProxyOption(config: AppConfig): boolean | string[] | ((address: string, hop: number) => boolean) {
  const trust = config.trustProxy;
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
