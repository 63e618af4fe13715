/**
 * The rows of an UPDATE/DELETE ... RETURNING run through TypeORM: its PostgreSQL driver answers
 * those with [rows, affectedCount] instead of the rows.
 */
export function returning<R>(result: unknown): R[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as R[];
  return result as R[];
}
