import type { FastifyInstance } from 'fastify';
import { ValidationProblem } from './validation-problem.js';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: left alone, such a string reaches the database
 * and comes back as a 500. Refused here for every route, with the field named.
 */
export function installNulCharacterGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req) => {
    const field = pathOfNul(req.body) ?? pathOfNul(req.query) ?? pathOfNul(req.params);
    if (field !== null)
      throw new ValidationProblem(
        [{ field, reason: 'must not contain a NUL character' }],
        400,
        'The request is not valid',
      );
  });
}

/** The dotted path of the first string holding a NUL, or null. Iterative: bodies may nest deeply. */
export function pathOfNul(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || 'body';
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
        stack.push([v, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}
