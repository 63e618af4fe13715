import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ValidationProblem } from './validation-problem.js';

/**
 * What a JSON request body may be, checked on the raw bytes before anything walks the parsed
 * value. class-transformer and class-validator recurse once per level: 2,000 levels overflowed
 * the stack (a 500), and a body of 1 MB kept a core busy for two seconds, both without signing in.
 * Transformation costs about 3 µs per value, so the number of values is bounded too. No DTO nests
 * deeper than a handful of levels; the largest legitimate bodies (a vacancy of 20,000 characters,
 * JSON-escaped; 500 bounce events; a profile with full lists) stay far below every limit.
 */
export const JSON_BODY_LIMITS = { maxBytes: 256 * 1024, maxDepth: 32, maxValues: 10_000 } as const;
export type JsonBodyLimits = { readonly maxBytes: number; readonly maxDepth: number; readonly maxValues: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/**
 * What in the JSON text breaks a limit: nesting (arrays or objects inside one another) or the
 * number of values (every array item and object member counts), or null. One pass over the
 * bytes, brackets and commas inside strings ignored; malformed text is left to the parser.
 */
export function jsonShapeProblem(bytes: Uint8Array, limits: Pick<JsonBodyLimits, 'maxDepth' | 'maxValues'>): 'depth' | 'values' | null {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === COMMA) {
      if (++values > limits.maxValues) return 'values';
    } else if (OPEN.has(b)) {
      if (++depth > limits.maxDepth) return 'depth';
      if (++values > limits.maxValues) return 'values';
    } else if (CLOSE.has(b)) depth--;
  }
  return null;
}

/**
 * The parser for `application/json`: Fastify's own (prototype-poisoning checks included), behind a
 * size limit (413), a nesting limit and a limit on the number of values (400 naming each).
 */
export function installJsonBodyParser(app: NestFastifyApplication, limits: JsonBodyLimits = JSON_BODY_LIMITS): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: limits.maxBytes }, (req: FastifyRequest, body: Buffer, done) => {
    const problem = jsonShapeProblem(body, limits);
    if (problem === 'depth')
      return done(
        new ValidationProblem(
          [{ field: 'body', reason: `must not nest arrays or objects more than ${limits.maxDepth} levels deep` }],
          400,
          `The request body nests deeper than ${limits.maxDepth} levels`,
        ),
        undefined,
      );
    if (problem === 'values')
      return done(
        new ValidationProblem(
          [{ field: 'body', reason: `must not hold more than ${limits.maxValues} values` }],
          400,
          `The request body holds more than ${limits.maxValues} values`,
        ),
        undefined,
      );
    parse(req, body.toString('utf8'), done);
  });
}
