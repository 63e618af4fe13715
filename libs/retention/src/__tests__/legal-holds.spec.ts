import { FixedClock } from '../../../config/src/clock.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants } from '../../../../tenants/index.js';
import { auditOf, personActiveNow, pseudonymOf, remainsOf, sweep } from './support/retention-kit.js';
import { retentionLab } from './support/retention-lab.tenant.js';

/**
 * Statement 004: "Mocht er sprake zijn van specifieke subsidieregelingen waarbij de wetgeving ons
 * verplicht jouw gegevens langer te bewaren, dan conformeren we ons aan bewaartermijn uit deze
 * regeling." A legal hold keeps a person's data until it ends, whatever asks for deletion.
 */
describe('legal holds', () => {
  const clock = new FixedClock('2026-01-01T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [...tenants, retentionLab] });
  });
  afterAll(() => t.close());

  async function dueForDeletion() {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const person = await personActiveNow(t, tenant);
    for (const month of [1, 2, 3, 4, 5, 6]) {
      clock.set(new Date(Date.UTC(2027, month - 1, 1, 9)).toISOString());
      await sweep(t, tenant);
    }
    const staff = await t.signedIn(tenant, ['staff']);
    return { tenant, person, staff };
  }

  it('keeps a held person through the deletion date until the hold ends, then deletes them', async () => {
    const { tenant, person, staff } = await dueForDeletion();
    const res = await t.http('post', '/retention/holds', {
      tenant: tenant.key,
      token: staff.token,
      body: { personId: person.id, reason: 'ESF subsidy scheme: ten years after the final payment', endsAt: '2030-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ personId: person.id, active: true, endsAt: '2030-01-01T00:00:00.000Z' });

    clock.set('2027-07-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 0, held: 1 });
    clock.set('2029-12-31T09:00:00Z');
    await sweep(t, tenant);
    expect((await remainsOf(t, tenant, person.id)).account).toBe(1);

    // Nor can anything else erase or anonymise the person while the hold runs.
    await expect(t.inTenant(tenant, () => t.get(ErasureService).erase(person.id, 'request'))).rejects.toThrow(/legal hold until 2030-01-01/);
    await expect(t.inTenant(tenant, () => t.get(ErasureService).anonymise(person.id, 'request'))).rejects.toThrow(/legal hold/);
    expect((await remainsOf(t, tenant, person.id)).account).toBe(1);

    clock.set('2030-01-01T00:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 1 });
    expect(await remainsOf(t, tenant, person.id)).toMatchObject({ account: 0, retention: 0 });
  });

  it('a released hold lets the postponed deletion run at the next sweep; placing and releasing are audited', async () => {
    const { tenant, person, staff } = await dueForDeletion();
    const placed = await t.http('post', '/retention/holds', {
      tenant: tenant.key,
      token: staff.token,
      body: { personId: person.id, reason: 'Subsidy audit pending', endsAt: '2031-01-01T00:00:00Z' },
    });
    clock.set('2027-07-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ held: 1 });
    clock.set('2027-08-01T09:00:00Z');
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const released = await t.http('delete', `/retention/holds/${placed.body.id}`, { tenant: tenant.key, token: admin.token });
    expect(released.status).toBe(200);
    expect(released.body.active).toBe(false);
    const pseudonym = (await pseudonymOf(t, tenant, person.id))!;
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 1 });
    // Found by the pseudonym only: its key went with the person.
    const audit = await auditOf(t, tenant, { pseudonym }, 'retention.hold');
    expect(audit.map((a) => a.action)).toEqual(['retention.hold-place', 'retention.hold-release']);
    expect(JSON.stringify(audit)).not.toContain('Subsidy');
  });

  it('extends a hold to a later date only', async () => {
    const { tenant, person, staff } = await dueForDeletion();
    const placed = await t.http('post', '/retention/holds', {
      tenant: tenant.key,
      token: staff.token,
      body: { personId: person.id, reason: 'Subsidy scheme', endsAt: '2028-01-01T00:00:00Z' },
    });
    const earlier = await t.http('patch', `/retention/holds/${placed.body.id}`, {
      tenant: tenant.key,
      token: staff.token,
      body: { endsAt: '2027-12-01T00:00:00Z' },
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.errors).toEqual([{ field: 'endsAt', reason: 'must be later than the current end' }]);
    const later = await t.http('patch', `/retention/holds/${placed.body.id}`, {
      tenant: tenant.key,
      token: staff.token,
      body: { endsAt: '2029-01-01T00:00:00Z' },
    });
    expect(later.body).toMatchObject({ endsAt: '2029-01-01T00:00:00.000Z', active: true });
    clock.set('2028-06-01T09:00:00Z');
    await sweep(t, tenant);
    expect((await remainsOf(t, tenant, person.id)).account).toBe(1);
  });

  it('refuses bad holds with a 4xx naming the field, and only staff and tenant admins may place them', async () => {
    const { tenant, person, staff } = await dueForDeletion();
    const post = (body: unknown, token = staff.token) => t.http('post', '/retention/holds', { tenant: tenant.key, token, body });
    const past = await post({ personId: person.id, reason: 'Subsidy scheme', endsAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ field: 'endsAt', reason: 'must be in the future' }]);
    const unknown = await post({ personId: '00000000-0000-4000-8000-000000000000', reason: 'Subsidy scheme', endsAt: '2030-01-01T00:00:00Z' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ field: 'personId', reason: 'is not a person of this tenant' }]);
    const malformed = await post({ personId: 'nope', reason: 'x', endsAt: 'soon' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsAt', 'personId', 'reason']);
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    expect((await post({ personId: person.id, reason: 'Subsidy scheme', endsAt: '2030-01-01T00:00:00Z' }, jobseeker.token)).status).toBe(403);
    const list = await t.http('get', `/retention/holds?personId=${person.id}`, { tenant: tenant.key, token: staff.token });
    expect(list.body.items).toEqual([]);
  });
});
