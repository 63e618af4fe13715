import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { RequestContext } from '../../context/src/index.js';

/** One JSON log line per event, with the request id and tenant when there is one. */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'recruit-platform' },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
    mixin() {
      const ctx = RequestContext.get();
      return ctx ? { requestId: ctx.requestId, tenant: ctx.tenant?.key } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Routes Nest's own logging into the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (typeof message === 'object' && message !== null)
      this.root[level]({ context, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    else this.root[level]({ context, extra: rest.length ? rest : undefined }, String(message));
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
