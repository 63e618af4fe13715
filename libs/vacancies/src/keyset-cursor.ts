import { ValidationProblem } from '../../http/src/index.js';

/**
 * Opaque keyset cursor: a timestamp in microseconds since the epoch (exact, unlike a JavaScript
 * Date) plus the row id that breaks ties. Pages stay stable while rows are added.
 */
export interface KeysetPosition {
  micros: string;
  id: string;
}

const SHAPE = /^(\d{1,17})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(micros: string, id: string): string {
  return Buffer.from(`${micros}.${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, field = 'cursor'): KeysetPosition | null {
  if (cursor === undefined) return null;
  const match = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationProblem([{ field, reason: 'is not a cursor returned by this list' }], 400);
  return { micros: match[1], id: match[2] };
}

/** SQL for "timestamp column strictly after the cursor in descending order", exact to the microsecond. */
export const beforeCursor = (column: string, micros: string, id: string) =>
  `(${column}, v.id) < (timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond', ${id}::uuid)`;
