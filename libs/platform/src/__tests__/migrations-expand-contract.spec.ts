import type { QueryRunner } from 'typeorm';
import type { MigrationClass } from '../../../database/src/index.js';
import { CORE_MIGRATIONS } from '../capabilities.js';
import { tenants } from '../../../../tenants/index.js';
import { CONTRACT_RULES, unsafeForOldCode, type ContractMigration } from '../migration-rules.js';

/** Every statement a migration's `up` sends, without a database (the SQL is what is judged). */
async function statementsOf(migration: MigrationClass): Promise<string[]> {
  const sent: string[] = [];
  const recorder = { query: async (sql: string) => (sent.push(sql), []) } as unknown as QueryRunner;
  // A migration that reads before it writes sees no rows here; what it sent up to there is judged.
  await new (migration as unknown as new () => { up(q: QueryRunner): Promise<void> })().up(recorder).catch(() => undefined);
  return sent;
}

const all: MigrationClass[] = [...CORE_MIGRATIONS, ...tenants.flatMap((t) => t.migrations ?? [])];
const nameOf = (m: MigrationClass) => (m as { name: string }).name;

describe('migrations run while the previous release still serves requests (expand/contract)', () => {
  it('no migration drops, renames, retypes or tightens what the running code uses, unless it is a declared contract step after its expand step', async () => {
    const offences: string[] = [];
    for (const m of all) {
      const contract = (m as unknown as ContractMigration).contract;
      if (contract) {
        const expand = all.findIndex((e) => nameOf(e) === contract.after);
        if (expand < 0 || expand >= all.indexOf(m)) offences.push(`${nameOf(m)}: its expand step ${contract.after} does not run before it`);
        continue;
      }
      if (CONTRACT_RULES.beforeTheRule.has(nameOf(m))) continue;
      for (const sql of await statementsOf(m)) for (const reason of unsafeForOldCode(sql)) offences.push(`${nameOf(m)}: ${reason}`);
    }
    expect(offences).toEqual([]);
  });

  it('recognises each statement that would break the release still running', () => {
    expect(unsafeForOldCode('ALTER TABLE profiles DROP COLUMN headline')).toEqual(['drops a column or table the running code may read']);
    expect(unsafeForOldCode('DROP TABLE IF EXISTS chat_messages')).toEqual(['drops a column or table the running code may read']);
    expect(unsafeForOldCode('ALTER TABLE profiles RENAME COLUMN headline TO title')).toEqual(['renames what the running code names']);
    expect(unsafeForOldCode('ALTER TABLE profiles ALTER COLUMN headline TYPE varchar(80)')).toEqual(['changes a column type under the running code']);
    expect(unsafeForOldCode('ALTER TABLE profiles ALTER COLUMN headline SET NOT NULL')).toEqual([
      'requires a value the running code does not write',
    ]);
    expect(unsafeForOldCode('ALTER TABLE profiles ADD COLUMN source text NOT NULL')).toEqual(['requires a value the running code does not write']);
    // Safe: the old code never names what is new, and a default fills what it does not write.
    expect(unsafeForOldCode("ALTER TABLE profiles ADD COLUMN source text NOT NULL DEFAULT 'form'")).toEqual([]);
    expect(unsafeForOldCode('ALTER TABLE profiles ADD COLUMN source text')).toEqual([]);
    expect(unsafeForOldCode('DROP POLICY IF EXISTS tenant_isolation ON profiles')).toEqual([]);
    expect(unsafeForOldCode('DROP INDEX IF EXISTS profiles_search_idx')).toEqual([]);
    expect(unsafeForOldCode('-- DROP COLUMN in a comment\nSELECT 1')).toEqual([]);
  });
});
