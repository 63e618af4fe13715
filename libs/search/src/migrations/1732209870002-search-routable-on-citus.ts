import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER_ROLE } from '../../../database/src/index.js';
import { SEARCH_WHERE_REACH } from './search-projected-fields.sql.js';

const SIGNATURE = 'app.search_where(text, text, boolean, boolean, boolean)';
// The newest text: SearchProjectedFields1732209860100 asks libs/profiles' reach function for the listed states.
const ORIGINAL = SEARCH_WHERE_REACH;
const WORDS = `SELECT CASE WHEN p_text THEN '(s.tenant_id = $1) IS TRUE AND s.document @@ $5' ELSE 's.tenant_id = $1' END`;

/**
 * With words, the search writes its tenant condition as `(s.tenant_id = $1) IS TRUE` so plain
 * PostgreSQL does not AND a whole-tenant btree bitmap onto the GIN scan (measured slower, see
 * docs/benchmarks.md). Citus prunes shards only on a plain `tenant_id = $1` and sent that form to
 * every shard. When the citus extension is installed the condition is the plain one (a tenant's
 * shard is small, the bitmap costs little); on one machine nothing changes.
 */
export function searchWhereRoutableOnCitus(): string {
  if (!ORIGINAL.includes(WORDS)) throw new Error('search_where no longer has the tenant condition this migration changes');
  return ORIGINAL.replace('LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS', 'LANGUAGE sql STABLE SET search_path = pg_catalog AS')
    .replace(
      WORDS,
      `SELECT CASE WHEN p_text AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN 's.tenant_id = $1 AND s.document @@ $5'
                   WHEN p_text THEN '(s.tenant_id = $1) IS TRUE AND s.document @@ $5' ELSE 's.tenant_id = $1' END`,
    );
}

export class SearchRoutableOnCitus1732209870002 implements MigrationInterface {
  name = 'SearchRoutableOnCitus1732209870002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO CURRENT_USER`);
    await q.query(searchWhereRoutableOnCitus());
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO CURRENT_USER`);
    await q.query(ORIGINAL);
    await q.query(`ALTER FUNCTION ${SIGNATURE} OWNER TO ${DEFINER_ROLE}`);
  }
}
