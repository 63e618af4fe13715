import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ValidationProblem } from '../../http/src/index.js';
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
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?$/;

/**
 * The cursor is the client's to send back, so it is input: the sort keys must be values
 * PostgreSQL takes (a real rank, a timestamp of an existing day), or the query fails with a 500.
 */
function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/** A value of PostgreSQL's `real`: zero, or a magnitude between about 1e-37 and 1e38. */
function isReal(text: string): boolean {
  if (!RANK.test(text)) return false;
  const n = Math.abs(Number(text));
  return n === 0 || (n > 1e-37 && n < 1e38);
}

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
    !isTimestamp(body.recency) ||
    (body.rank !== null && (typeof body.rank !== 'string' || !isReal(body.rank)))
  )
    throw invalid('is not a cursor returned by this search');
  if (body.f !== fingerprint)
    throw invalid('belongs to another search (query, filters or sort changed)');
  return { rank: body.rank, recency: body.recency, id: body.id };
}

const notACursor = () =>
  new ValidationProblem([{ field: 'cursor', reason: 'is not a cursor returned by this search' }], 400, 'The request is not valid');

/**
 * The cursor as the client gets it: encrypted and authenticated (AES-256-GCM), because its
 * position names the last profile's internal id, which an employer must never learn (it would tie
 * the anonymous listing to the named one). A cursor that does not open is not one of ours.
 */
export function sealCursor(cursor: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(cursor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openCursor(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 29) throw notACursor();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw notACursor();
  }
}
