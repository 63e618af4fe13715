import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citus refuses a foreign key `ON DELETE SET NULL (col)` whose key holds the distribution column
 * (`tenant_id`), and a plain `ON DELETE SET NULL` would null `tenant_id` too. Every such key becomes
 * a plain one (checked at the end of the statement); the person-data handlers that run before an
 * account is deleted clear the reference themselves, so an erasure keeps the other party's rows as
 * before. Found in the catalog rather than listed, so the tenants' tables existing at this point are
 * covered too; `test/scale/citus-shape.spec.ts` fails if a later migration brings the shape back.
 * Only constraints change (no table or column is dropped): the previous release keeps working.
 */
export class ForeignKeysWithoutSetNullColumns1732209870000 implements MigrationInterface {
  name = 'ForeignKeysWithoutSetNullColumns1732209870000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE
        r record;
      BEGIN
        FOR r IN
          SELECT c.conname, c.conrelid::regclass AS tbl, pg_get_constraintdef(c.oid) AS def
            FROM pg_constraint c
           WHERE c.contype = 'f' AND c.confdeltype = 'n' AND c.confdelsetcols IS NOT NULL
             AND c.connamespace = current_schema()::regnamespace
        LOOP
          EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
          -- NOT VALID then VALIDATE: the rows are valid already, and validating takes a lighter lock.
          EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s NOT VALID', r.tbl, r.conname,
                         regexp_replace(r.def, ' ON DELETE SET NULL \\([^)]*\\)', ''));
          EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', r.tbl, r.conname);
        END LOOP;
      END $$`);
  }

  async down(): Promise<void> {
    // The column-list form is what Citus refuses; there is nothing to go back to.
  }
}
