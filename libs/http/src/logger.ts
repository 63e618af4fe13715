import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { RequestContext } from '../../context/src/index.js';
import { safeError, scrubText } from './log-scrub.js';

/**
 * One JSON log line per event, with the request id and tenant when there is one. Logs outlive
 * erasure, so they carry no personal data: errors are reduced to what says where it failed
 * (`safeError`: no SQL parameters, no row values) and e-mail addresses in any text are masked.
 */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'recruit-platform' },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
    serializers: { err: safeError, error: safeError },
    formatters: { log: (object: Record<string, unknown>) => scrubValues(object) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)));
      },
    },
    mixin() {
      const ctx = RequestContext.get();
      return ctx ? { requestId: ctx.requestId, tenant: ctx.tenant?.key } : {};
    },
  };
  // Asynchronous by default: a synchronous write to stdout per request line stalled the event
  // loop under load. pino flushes what is pending synchronously when the process exits. The
  // buffer is bounded: when stdout cannot keep up (11,000 requests/s into a pipe grew the process
  // by 220 MB), lines beyond 4 MiB waiting are dropped rather than the process running out of memory.
  // Lines are written 4 KiB at a time, and at least every second: one write per request line was 4%
  // of the api's CPU on an authenticated read (a write queued to the thread pool per line).
  return pino(
    options,
    destination ??
      pino.destination({ dest: 1, sync: false, minLength: 4096, maxLength: 4 * 1024 * 1024, periodicFlush: 1000 }),
  );
}

function scrubValues(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValues(v, depth + 1));
  if (value instanceof Error) return safeError(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValues(v, depth + 1)]));
}

/** Routes Nest's own logging into the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message instanceof Error) this.root[level]({ context, err: message }, message.name);
    else if (typeof message === 'object' && message !== null)
      this.root[level]({ context, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    else this.root[level]({ context, extra: rest.length ? rest.map((r) => (r instanceof Error ? safeError(r) : r)) : undefined }, String(message));
  }
  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
}
