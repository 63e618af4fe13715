import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { INTERNAL_ONLY_KEYS } from '../hallowerk.fields.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

/** Statement 004: who may write what, and what no field may hold. Every refusal names its field and writes nothing. */
describe('statement 004: writing a HalloWerk profile', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let person: Person;
  const stored = async () =>
    (
      await t.get(TenantDb).forTenant(tenant, (tx) =>
        tx.query<{ fields: Record<string, unknown> }>(`SELECT fields FROM profiles WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, person.id]),
      )
    )[0].fields;
  const patchOwn = (fields: Record<string, unknown>) => t.http('patch', '/profiles/me', { tenant: tenant.key, token: person.token, body: { fields } });
  const patchAsCoach = (fields: Record<string, unknown>) =>
    t.http('patch', `/profiles/${person.id}`, { tenant: tenant.key, token: world.ownCoach.token, body: { fields } });
  const fieldsOf = (res: { body: { errors?: { field: string; reason: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
  });
  afterAll(() => t?.close());

  it('refuses self-registration: the municipality creates every account ("bij het aanmaken van een account")', async () => {
    const res = await t.http('post', '/profiles/register', {
      tenant: tenant.key,
      body: { email: 'someone@mail.example', fields: { firstName: 'Iemand', lastName: 'Anders' } },
    });
    expect(res.status).toBe(403);
    await t.settled();
    const rows = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND email = 'someone@mail.example'`, [tx.tenantId]),
    );
    expect(rows).toEqual([]);
  });

  it('lets the person see but never change an internal-only field', async () => {
    const before = await stored();
    for (const key of INTERNAL_ONLY_KEYS) {
      const value = { clientNumber: 'X-1', gender: 'man', birthDate: '2000-01-01', supportingMunicipality: 'Elders', supportLevel: 'zelfservice', clientManagerName: 'Iemand', tozoGroup: false }[key];
      const res = await patchOwn({ [key]: value });
      expect({ key, status: res.status, fields: fieldsOf(res) }).toEqual({ key, status: 422, fields: [`fields.${key}`] });
    }
    expect(await stored()).toEqual(before);
  });

  it('lets only the person enter physical capacity: the coach is refused', async () => {
    const res = await patchAsCoach({ physicalCapacity: [{ activity: 'staan', level: 'goed' }] });
    expect({ status: res.status, fields: fieldsOf(res) }).toEqual({ status: 422, fields: ['fields.physicalCapacity'] });
    expect((await stored()).physicalCapacity).toEqual([{ activity: 'tillen', level: 'beperkt' }]);
  });

  it('holds the UWV register as yes or no: a reason is refused', async () => {
    const res = await patchAsCoach({ uwvTargetGroupRegister: 'ja, vanwege een arbeidsbeperking' });
    expect({ status: res.status, fields: fieldsOf(res) }).toEqual({ status: 422, fields: ['fields.uwvTargetGroupRegister'] });
    expect((await stored()).uwvTargetGroupRegister).toBe(true);
  });

  it('refuses a BSN in any free-text field with a clear message naming the field, and keeps the text as it was', async () => {
    const before = await stored();
    const res = await patchOwn({
      motivation: 'Mijn BSN is 111222333, bel me gerust.',
      preferredOccupations: ['kok', '123456782'],
      workHistory: [{ role: 'Kok', description: 'personeelsnummer 111.222.333' }],
    });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['fields.motivation', 'fields.preferredOccupations[1]', 'fields.workHistory[0].description']);
    for (const e of res.body.errors) expect(e.reason).toMatch(/BSN/);
    expect(await stored()).toEqual(before);
  });

  it('accepts nine digits that are no BSN (they fail the elfproef)', async () => {
    const res = await patchOwn({ motivation: 'Ordernummer 111222334 was mijn laatste klus.' });
    expect(res.status).toBe(200);
  });
});
