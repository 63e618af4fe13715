import type { TenantRef } from '../../../context/src/index.js';
import { OrgUnitsService } from '../org-units.service.js';
import { TestApp } from '../../../../test/support/test-app.js';

/** Organisation units form a tree per tenant, so rules can say "staff of my region". */
describe('organisation units', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let admin: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot();
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
    admin = await t.signedIn(a, ['tenant-admin']);
  });
  afterAll(() => t?.close());

  const create = async (key: string, kind: string, parentId?: string) => {
    const res = await t.http('post', '/org-units', {
      tenant: a.key,
      token: admin.token,
      body: { key, name: key, kind, parentId },
    });
    return res;
  };

  it("builds a tree with parent links and finds a unit's whole subtree", async () => {
    const region = (await create('region-north', 'region')).body;
    const groningen = (await create('groningen', 'municipality', region.id)).body;
    const assen = (await create('assen', 'municipality', region.id)).body;
    const team = (await create('team-groningen', 'team', groningen.id)).body;
    const elsewhere = (await create('region-south', 'region')).body;
    expect(groningen).toMatchObject({ parentId: region.id, kind: 'municipality' });

    const units = t.get(OrgUnitsService);
    const subtree = (ids: string[]) =>
      t.inTenant(a, () => units.subtree(ids)).then((x) => x.sort());
    expect(await subtree([region.id])).toEqual([region.id, groningen.id, assen.id, team.id].sort());
    expect(await subtree([groningen.id])).toEqual([groningen.id, team.id].sort());
    expect(await subtree([team.id])).toEqual([team.id]);
    expect(await subtree([groningen.id, elsewhere.id])).toEqual(
      [groningen.id, team.id, elsewhere.id].sort(),
    );
    expect(await subtree([])).toEqual([]);
  });

  it('refuses an unknown parent, naming the field', async () => {
    const res = await create('orphan', 'team', '00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'parentId', reason: 'is not an organisation unit of this tenant' },
    ]);
  });

  it('refuses a parent from another tenant, and a subtree never crosses tenants', async () => {
    const foreign = await t.createOrgUnit(b, 'region');
    const res = await create('sneaky', 'municipality', foreign.id);
    expect(res.status).toBe(422);
    expect(await t.inTenant(a, () => t.get(OrgUnitsService).subtree([foreign.id]))).toEqual([]);
  });

  it('validates the body, naming each field', async () => {
    const res = await t.http('post', '/org-units', {
      tenant: a.key,
      token: admin.token,
      body: { key: 'Bad Key', name: '', kind: 'galaxy', candidateBankAccess: 'yes' },
    });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'candidateBankAccess',
      'key',
      'kind',
      'name',
    ]);
  });

  it('refuses a duplicate key in the same tenant but allows it in another', async () => {
    expect((await create('dup-key', 'employer')).status).toBe(201);
    expect((await create('dup-key', 'employer')).status).toBe(409);
    await expect(
      t.inTenant(b, () =>
        t.get(OrgUnitsService).create({ key: 'dup-key', name: 'x', kind: 'employer' }),
      ),
    ).resolves.toMatchObject({ key: 'dup-key' });
  });

  it("lists the own tenant's units only", async () => {
    const res = await t.http('get', '/org-units', { tenant: a.key, token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.every((u: { tenantId: string }) => u.tenantId === a.id)).toBe(true);
  });
});
