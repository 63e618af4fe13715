import { randomBytes } from 'node:crypto';

/** A short reference a person can quote to staff; it carries nothing about them. */
export function reference(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}
