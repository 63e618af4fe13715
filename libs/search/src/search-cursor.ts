import { createHash } from 'node:crypto';
import { ValidationProblem } from '../../http/src/validation-problem.js';
import type { SearchRequest } from './search-query.js';

/** Where the previous page ended: the sort key of its last row, kept as PostgreSQL printed it. */
export interface CursorPosition {
  readonly rank: string | null;
  readonly recency: string;
  readonly id: string;
}

interface CursorBody extends CursorPosition {
  readonly v: 1;
  /** Fingerprint of the search it belongs to: a cursor is only valid for the same search. */
  readonly f: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANK = /^-?\d+(\.\d+)?(e-?\d+)?$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:\d{2})?|Z)?$/;

/** A stable fingerprint of everything that decides which rows a search returns and in which order. */
export function searchFingerprint(
  audience: string,
  req: Pick<SearchRequest, 'q' | 'filters' | 'sort'>,
): string {
  return createHash('sha256')
    .update(JSON.stringify([audience, req.q, req.filters, req.sort]))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * Keyset cursors: the position after the last row, never an offset, so a page is as fast deep in
 * the results as at the start and rows added meanwhile neither repeat nor go missing.
 */
export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const body: CursorBody = { v: 1, f: fingerprint, ...position };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(cursor: string, fingerprint: string): CursorPosition {
  const invalid = (reason: string) =>
    new ValidationProblem([{ field: 'cursor', reason }], 400, 'The request is not valid');
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw invalid('is not a cursor returned by this search');
  }
  if (
    !body ||
    body.v !== 1 ||
    typeof body.id !== 'string' ||
    !UUID.test(body.id) ||
    typeof body.recency !== 'string' ||
    !TIMESTAMP.test(body.recency) ||
    (body.rank !== null && (typeof body.rank !== 'string' || !RANK.test(body.rank)))
  )
    throw invalid('is not a cursor returned by this search');
  if (body.f !== fingerprint)
    throw invalid('belongs to another search (query, filters or sort changed)');
  return { rank: body.rank, recency: body.recency, id: body.id };
}
