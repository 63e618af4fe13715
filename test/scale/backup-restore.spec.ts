import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { ErasureJournal, ErasureService } from '../../libs/privacy/src/index.js';
import { replayErasures } from '../../apps/tools/erasure-replay.js';
import { dumpDatabase } from '../support/trace-scan.js';
import { TestApp } from '../support/test-app.js';

/**
 * Backup and restore must keep erasures erased: a restore from a backup taken before someone was
 * erased brings their rows back, and the replay of the erasure journal (kept outside the database)
 * removes them again. The backup here is a copy of the database (CREATE DATABASE ... TEMPLATE), a
 * consistent snapshot as pg_dump or a base backup would take.
 */
describe('a restore from a backup never brings back a person erased after the backup', () => {
  const suffix = randomBytes(4).toString('hex');
  const live = `restore_live_${suffix}`;
  const backup = `restore_backup_${suffix}`;
  const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://unset');
  const urlOf = (db: string) => Object.assign(new URL(serverUrl), { pathname: `/${db}` }).toString();
  const env = { DATABASE_URL: urlOf(live), ERASURE_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'erasure-journal-')) };

  async function admin(sql: string[]): Promise<void> {
    const c = new pg.Client({ connectionString: urlOf('postgres') });
    await c.connect();
    try {
      for (const s of sql) await c.query(s);
    } finally {
      await c.end();
    }
  }
  const copy = (from: string, to: string) => [`DROP DATABASE IF EXISTS ${to} WITH (FORCE)`, `CREATE DATABASE ${to} TEMPLATE ${from}`];
  // A template must have no connections: the closed app's pooled ones may still be closing.
  const quiet = (db: string) => `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db}' AND pid <> pg_backend_pid()`;

  beforeAll(() => admin([`CREATE DATABASE ${live}`]));
  afterAll(() => admin([`DROP DATABASE IF EXISTS ${live} WITH (FORCE)`, `DROP DATABASE IF EXISTS ${backup} WITH (FORCE)`]));

  it('the replay erases again whoever the journal says was erased since the backup, and no one else', async () => {
    let t = await TestApp.boot({ env });
    const tenant = await t.createTenant('kandidatenbank');
    const erased = await t.createAccount(tenant, ['jobseeker'], { email: `erased-${suffix}@example.test`, displayName: `Erased Person ${suffix}` });
    const kept = await t.createAccount(tenant, ['jobseeker'], { email: `kept-${suffix}@example.test` });
    const erasedBefore = await t.createAccount(tenant, ['jobseeker'], { email: `before-${suffix}@example.test` });
    await t.login(erased);
    await t.inTenant(tenant, () => t.get(ErasureService).erase(erasedBefore.id, 'test'));
    await t.close();

    // The backup, then the erasure it does not hold.
    await new Promise((r) => setTimeout(r, 10));
    const backupTakenAt = new Date();
    await admin([quiet(live), ...copy(live, backup)]);
    t = await TestApp.boot({ env });
    await t.inTenant(tenant, () => t.get(ErasureService).erase(erased.id, 'test'));
    const journaled = await t.get(ErasureJournal).since(backupTakenAt);
    expect(journaled).toEqual([{ at: expect.any(String), tenantId: tenant.id, operation: 'erase', personId: erased.id }]);
    await t.close();

    // Disaster: the database is restored from the backup, and the erased person is back.
    await admin([quiet(live), ...copy(backup, live)]);
    expect((await dumpDatabase(urlOf(live))).text).toContain(erased.email);

    t = await TestApp.boot({ env });
    try {
      const report = await replayErasures(t.app, backupTakenAt);
      expect(report).toEqual({ replayed: 1, held: [], unknownTenants: [] });
      const dump = (await dumpDatabase(urlOf(live))).text;
      for (const trace of [erased.email, `Erased Person ${suffix}`]) expect(dump).not.toContain(trace);
      expect(dump).toContain(kept.email);
      const login = await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: erased.email, password: erased.password } });
      expect(login.status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
