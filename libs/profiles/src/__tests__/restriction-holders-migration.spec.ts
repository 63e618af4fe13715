import { randomUUID } from 'node:crypto';
import { runMigrations } from '../../../database/src/index.js';
import { CORE_MIGRATIONS } from '../../../platform/src/capabilities.js';
import { ProcessingRestrictionHolders1732209850000 } from '../migrations/1732209850000-processing-restriction-holders.js';
import { RefugeeWork1732204050000 } from '../../../../tenants/refugee-talent-pool/module/refugeework.migration.js';
import { RefugeeWorkObjectionHolds1732209851000 } from '../../../../tenants/refugee-talent-pool/module/objection-holds.migration.js';
import { scratchDatabase } from '../../../../test/support/scratch-database.js';

/**
 * Restrictions in force before a restriction had holders must stay in force after the change: the
 * migrations give each restricted person a holder per request that restricts them (or `legacy`), and
 * each open RefugeeWork objection its own hold, on a database of their own here.
 */
describe('the restriction holders migrations', () => {
  const scratch = scratchDatabase('restriction_holders');

  it('keeps everyone restricted who was, each under the holders that restricted them, and restricts people whose objection is still open', async () => {
    const before = CORE_MIGRATIONS.slice(0, CORE_MIGRATIONS.indexOf(ProcessingRestrictionHolders1732209850000));
    await runMigrations(scratch.url, [...before, RefugeeWork1732204050000]);
    const tenant = randomUUID();
    await scratch.db.query(`INSERT INTO tenants (id, key, plugin, name) VALUES ($1, 'old-tenant', 'refugee-talent-pool', 'Old')`, [tenant]);
    const person = async (restrictedAt: string | null) => {
      const id = randomUUID();
      await scratch.db.query(
        `INSERT INTO accounts (tenant_id, id, email, display_name, roles) VALUES ($1, $2, $3, 'Someone', '{jobseeker}')`,
        [tenant, id, `${id}@example.test`],
      );
      await scratch.db.query(`INSERT INTO profiles (tenant_id, id, alias, processing_restricted_at) VALUES ($1, $2, $4, $3)`, [tenant, id, restrictedAt, `Talent ${id.slice(0, 8)}`]);
      return id;
    };
    const request = async (personId: string, kind: string, status: string, extra: { lifted?: boolean; purpose?: string } = {}) => {
      const [row] = (
        await scratch.db.query(
          `INSERT INTO rights_requests (tenant_id, reference, person_id, kind, status, source, received_at, received_on, due_on, updated_at, lifted_at, purpose)
           VALUES ($1, $2, $3, $4, $5, 'self', '2027-01-04T09:00:00Z', '2027-01-04', '2027-02-04', now(), $6, $7) RETURNING id`,
          [tenant, `RQ-${randomUUID().slice(0, 8)}`, personId, kind, status, extra.lifted ? new Date() : null, extra.purpose ?? null],
        )
      ).rows;
      return row.id as string;
    };
    const objection = async (personId: string, status: 'open' | 'resolved') => {
      const [row] = (
        await scratch.db.query(
          `INSERT INTO refugeework_objections (tenant_id, reference, person_id, person_kind, reason, status, received_at)
           VALUES ($1, $4, $2, 'jobseeker', 'Stop', $3, '2027-01-05T09:00:00Z') RETURNING id`,
          [tenant, personId, status, `OB-${status}`],
        )
      ).rows;
      return row.id as string;
    };

    const twoRequests = await person('2027-01-04T09:00:00Z');
    const open = await request(twoRequests, 'objection', 'in-progress');
    const upheld = await request(twoRequests, 'restriction', 'completed');
    await request(twoRequests, 'restriction', 'refused');
    await request(twoRequests, 'objection', 'completed', { lifted: true });
    const withoutRequest = await person('2027-01-04T09:00:00Z');
    const free = await person(null);
    await request(free, 'objection', 'refused');
    await request(free, 'objection', 'in-progress', { purpose: 'direct-marketing' });
    const objecting = await person(null);
    const waiting = await objection(objecting, 'open');
    await objection(free, 'resolved');

    await runMigrations(scratch.url, [...CORE_MIGRATIONS, RefugeeWork1732204050000, RefugeeWorkObjectionHolds1732209851000]);

    const holders = async (personId: string) =>
      (
        await scratch.db.query(
          `SELECT holder FROM processing_restriction_holders WHERE tenant_id = $1 AND person_id = $2 AND lifted_at IS NULL ORDER BY holder`,
          [tenant, personId],
        )
      ).rows.map((r) => r.holder);
    expect(await holders(twoRequests)).toEqual([`rights-request:${open}`, `rights-request:${upheld}`].sort());
    expect(await holders(withoutRequest)).toEqual(['legacy']);
    expect(await holders(free)).toEqual([]);
    expect(await holders(objecting)).toEqual([`tenant:objection:${waiting}`]);
    const flags = (
      await scratch.db.query(`SELECT id, processing_restricted_at IS NOT NULL AS restricted FROM profiles WHERE tenant_id = $1`, [tenant])
    ).rows;
    const flag = new Map(flags.map((r) => [r.id as string, r.restricted as boolean]));
    expect([twoRequests, withoutRequest, free, objecting].map((id) => flag.get(id))).toEqual([true, true, false, true]);
  });
});
