import type { QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, DEFINER_ROLE } from '../../../database/src/index.js';

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

/**
 * Creates a new entry point (a definer function with a new signature): nobody may call it but the
 * runtime role, and it runs with the definer's rights.
 */
export async function createDefinerEntryPoint(q: QueryRunner, signature: string, text: string): Promise<void> {
  await q.query(text);
  await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
  await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_GROUP_ROLE}`);
  await q.query(`ALTER FUNCTION ${signature} OWNER TO ${DEFINER_ROLE}`);
}
