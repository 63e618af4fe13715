import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: readonly { field: string; reason: string }[];
}

/** Turns any error into RFC 9457 problem details. Never a stack trace or SQL to the client. */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  const status = statusOf(error);
  const title = STATUS_CODES[status] ?? 'Error';
  const problem: ProblemDetails = { type: 'about:blank', title, status, instance };
  if (error instanceof HttpException) {
    const body = error.getResponse();
    if (typeof body === 'string') problem.detail = body;
    else if (body && typeof body === 'object') {
      const b = body as { message?: unknown; detail?: unknown; errors?: ProblemDetails['errors'] };
      const detail = b.detail ?? b.message;
      if (Array.isArray(detail)) problem.detail = detail.join('; ');
      else if (typeof detail === 'string') problem.detail = detail;
      if (b.errors) problem.errors = b.errors;
    }
  } else if (status < 500) {
    problem.detail = (error as Error).message;
  } else {
    problem.detail = 'Something went wrong on our side; it has been logged';
  }
  return problem;
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const e = error as { statusCode?: number; code?: string };
  // Fastify's own errors: malformed JSON, too large a body, unsupported media type.
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return e.statusCode;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem = toProblem(error, request?.url?.split('?')[0]);
    if (problem.status >= 500) this.logger.error({ err: error, requestId: request?.id }, 'unhandled error');
    const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (problem.status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.code(problem.status).type('application/problem+json').send(problem);
  }
}

/**
 * Fastify's router refuses some paths before any hook runs (a parameter over 100 characters, a
 * malformed percent-encoding) and would answer with its own JSON; given as the adapter's
 * `frameworkErrors`, this answers them as problem details like every other refusal.
 */
export function frameworkErrorAsProblem(error: Error & { code?: string; statusCode?: number }, _req: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path segment is longer than the 100 characters any route accepts'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'The path is not a valid URL (malformed percent-encoding)'
        : 'The path could not be routed';
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const problem: ProblemDetails = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
  void reply.code(status).type('application/problem+json').send(problem);
}
