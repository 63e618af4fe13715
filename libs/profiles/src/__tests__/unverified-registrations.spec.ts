import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { AccountsService } from '../../../auth/src/accounts.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { UnverifiedRegistrations } from '../unverified-registrations.js';
import { registerJobseeker, registrationBody, sql, verifyAddress } from './support/profile-kit.js';

/**
 * A registration is a claim nobody has proven yet: when its last verification link expires unused,
 * the account, the draft profile and the mail go (through the platform's erasure, so every
 * capability and tenant module that kept something waiting for the proof lets it go too).
 */
describe('unconfirmed registrations expire', () => {
  const clock = new FixedClock('2026-05-04T10:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t.close());

  const expire = () => t.get(TenantDb).forTenant(tenant, () => t.get(UnverifiedRegistrations).expire());
  const exists = async (id: string) => (await sql(t, tenant, `SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [id])).length === 1;
  const register = async (email: string) => {
    await t.http('post', '/profiles/register', { tenant: tenant.key, body: { ...registrationBody({ firstName: 'Sam', lastName: 'Laat' }), email } });
    await t.settled();
    return (await sql<{ id: string }>(t, tenant, `SELECT id FROM accounts WHERE tenant_id = $1 AND email = $2`, [email]))[0].id;
  };

  it('erases a registration whose link expired unused, and nothing of it remains; not a minute before', async () => {
    const email = `laat-${Date.now()}@example.test`;
    const id = await register(email);
    clock.advance(72 * 3_600_000 - 60_000);
    expect(await expire()).toBe(0);
    expect(await exists(id)).toBe(true);
    clock.advance(120_000);
    expect(await expire()).toBe(1);
    expect(await exists(id)).toBe(false);
    expect(await sql(t, tenant, `SELECT 1 FROM profiles WHERE tenant_id = $1 AND id = $2`, [id])).toEqual([]);
    expect(await sql(t, tenant, `SELECT 1 FROM mail_messages WHERE tenant_id = $1 AND (person_id = $2 OR recipient_address = $3)`, [id, email])).toEqual([]);
  });

  it('keeps verified accounts, accounts an organisation made (invitations), and a registration renewed by registering again', async () => {
    const verified = await registerJobseeker(t, tenant);
    const invited = await t.get(TenantDb).forTenant(tenant, (tx) =>
      t.get(AccountsService).insertUnverified(tx, { email: `uitgenodigd-${Date.now()}@example.test`, displayName: 'Uitgenodigd', roles: ['jobseeker'], locale: 'nl' }),
    );
    const email = `opnieuw-${Date.now()}@example.test`;
    const renewed = await register(email);
    clock.advance(48 * 3_600_000);
    await register(email);
    clock.advance(48 * 3_600_000);
    await expire();
    expect([await exists(verified.id), await exists(invited!), await exists(renewed)]).toEqual([true, true, true]);
    // The renewed link still proves the address.
    expect((await verifyAddress(t, tenant, email)).status).toBe(200);
    clock.advance(30 * 86_400_000);
    await expire();
    expect(await exists(renewed)).toBe(true);
  });
});
