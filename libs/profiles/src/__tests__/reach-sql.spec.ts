import pg from 'pg';
import { TestApp } from '../../../../test/support/test-app.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { listedInCandidateBank } from '../candidate-listing.js';
import { PROFILE_STATES } from '../profile-state.js';

/**
 * The SQL side of the reach rule is generated from the TypeScript one (reach-sql.ts): for every
 * combination of the facts it reads, PostgreSQL and `listedInCandidateBank` give the same answer.
 */
describe('the reach rule in SQL answers as the TypeScript rule', () => {
  let t: TestApp;
  let runtime: pg.Client;
  const now = new Date('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    t = await TestApp.boot();
    runtime = new pg.Client({ connectionString: t.prepared.appUrl });
    await runtime.connect();
  });
  afterAll(async () => {
    await runtime.end();
    await t.close();
  });

  it('listed to outsiders, for every state, visibility, restriction and listing period', async () => {
    const limited = kandidatenbank;
    const unlimited = {
      ...kandidatenbank,
      visibility: { ...kandidatenbank.visibility, candidateBank: { ...kandidatenbank.visibility.candidateBank, listedFor: undefined } },
    };
    const untils = [null, new Date('2026-05-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z')];
    let compared = 0;
    for (const state of PROFILE_STATES)
      for (const visibleToEmployers of [true, false])
        for (const processingRestrictedAt of [null, new Date('2026-01-01T00:00:00Z')])
          for (const listedUntil of untils)
            for (const def of [limited, unlimited]) {
              const facts = { state, visibleToEmployers, processingRestrictedAt, listedUntil };
              const {
                rows: [{ listed }],
              } = await runtime.query(
                'SELECT app.profile_listed_to_outsiders($1, $2, $3, $4, $5, $6) AS listed, app.profile_listed_state($1) AS in_state',
                [state, visibleToEmployers, processingRestrictedAt, listedUntil, Boolean(def.visibility.candidateBank.listedFor), now],
              );
              expect([facts, def === limited, listed]).toEqual([facts, def === limited, listedInCandidateBank(def, facts, new Set(), now)]);
              compared++;
            }
    expect(compared).toBe(PROFILE_STATES.length * 2 * 2 * 3 * 2);
  });
});
