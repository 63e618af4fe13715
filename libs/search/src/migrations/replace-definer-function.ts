import type { QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';

/**
 * Replaces a function the definer role owns. Only a function's owner may replace it, and the
 * migration role is not the definer: it takes the function back, replaces it (same signature, so
 * its grants stay) and hands it to the definer again, whose rights the function runs with.
 */
export async function replaceDefinerFunction(q: QueryRunner, signature: string, text: string): Promise<void> {
  await q.query(`ALTER FUNCTION ${signature} OWNER TO CURRENT_USER`);
  await q.query(text);
  await q.query(`ALTER FUNCTION ${signature} OWNER TO ${DEFINER_ROLE}`);
}
