import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import { TenantDb } from '../../../database/src/index.js';
import { SYSTEM, type TenantRef } from '../../../context/src/index.js';
import { ConsentService } from '../../../consent/src/index.js';
import { tenants } from '../../../../tenants/index.js';
import {
  idOf,
  regionalPool,
  searchPath,
  seedProfile,
  setConsent,
  updateProfile,
} from './search-fixtures.js';

const developer = (firstName: string, lastName: string, extra: Record<string, unknown> = {}) => ({
  firstName,
  lastName,
  phone: '0612345678',
  city: 'Utrecht',
  headline: 'Java ontwikkelaar',
  summary: 'Ervaren ontwikkelaar van webapplicaties.',
  staffNotes: 'intern: belt liever niet op maandag',
  ...extra,
});

/** Statement 001 and the visibility rules of the tenant definitions, proven through HTTP. */
describe('who may search the candidate bank, and whom they find', () => {
  const clock = new FixedClock('2026-03-01T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [...tenants, regionalPool] });
  });
  afterAll(() => t.close());

  const ids = (res: { body: { items: { id?: string; handle: string }[] } }) =>
    res.body.items.map((i) => idOf(i)).sort();

  describe('kandidatenbank (statement 001)', () => {
    let tenant: TenantRef;
    let withAccess: string;
    let withoutAccess: string;
    const p: Record<string, string> = {};

    beforeAll(async () => {
      tenant = await t.createTenant('kandidatenbank');
      const bankUnit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
      const otherUnit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: false });
      withAccess = (await t.signedIn(tenant, ['employer'], { orgUnitIds: [bankUnit.id] })).token;
      withoutAccess = (await t.signedIn(tenant, ['employer'], { orgUnitIds: [otherUnit.id] }))
        .token;
      p.active = await seedProfile(t, tenant, { fields: developer('Anna', 'Jansen') });
      p.anonymous = await seedProfile(t, tenant, {
        state: 'anonymous',
        alias: 'Kandidaat 4711',
        fields: developer('Bram', 'Bakker'),
      });
      p.draft = await seedProfile(t, tenant, {
        state: 'draft',
        fields: developer('Cor', 'Draaier'),
      });
      p.inactive = await seedProfile(t, tenant, {
        state: 'inactive',
        fields: developer('Dirk', 'Inactief'),
      });
      p.hidden = await seedProfile(t, tenant, {
        visibleToEmployers: false,
        fields: developer('Eva', 'Verborgen'),
      });
      p.expired = await seedProfile(t, tenant, {
        listedUntil: new Date('2026-02-01T00:00:00Z'),
        fields: developer('Femke', 'Verlopen'),
      });
    });

    it('recruiters of an organisation with access to the candidate bank find listed profiles', async () => {
      const res = await t.http('get', searchPath({ q: 'ontwikkelaar' }), {
        tenant: tenant.key,
        token: withAccess,
      });
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([p.active, p.anonymous].sort());
    });

    it('recruiters of an organisation without access may not search at all', async () => {
      const res = await t.http('get', searchPath({ q: 'ontwikkelaar' }), {
        tenant: tenant.key,
        token: withoutAccess,
      });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/access to the candidate bank/);
    });

    it('losing access takes effect at once, whatever the token says', async () => {
      const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
      const { token } = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
      expect((await t.http('get', searchPath(), { tenant: tenant.key, token })).status).toBe(200);
      await t.inTenant(tenant, () =>
        t
          .get(TenantDb)
          .transaction((tx) =>
            tx.query(
              `UPDATE org_units SET candidate_bank_access = false WHERE tenant_id = $1 AND id = $2`,
              [tx.tenantId, unit.id],
            ),
          ),
      );
      expect((await t.http('get', searchPath(), { tenant: tenant.key, token })).status).toBe(403);
    });

    it('a profile is listed only while active or anonymous, shown to employers and within its year', async () => {
      const res = await t.http('get', searchPath(), { tenant: tenant.key, token: withAccess });
      expect(res.body.total).toBe(2);
      for (const gone of [p.draft, p.inactive, p.hidden, p.expired])
        expect(ids(res)).not.toContain(gone);
    });

    it('the year in the bank ends on its date: after it the profile is no longer found', async () => {
      const id = await seedProfile(t, tenant, {
        listedUntil: new Date('2026-03-01T09:05:00Z'),
        fields: developer('Gijs', 'Grens'),
      });
      expect(
        ids(await t.http('get', searchPath(), { tenant: tenant.key, token: withAccess })),
      ).toContain(id);
      clock.advance(5 * 60_000);
      try {
        expect(
          ids(await t.http('get', searchPath(), { tenant: tenant.key, token: withAccess })),
        ).not.toContain(id);
      } finally {
        clock.set('2026-03-01T09:00:00Z');
      }
    });

    it("a person whose processing is restricted is not shown to employers even by a stale index row; staff still find them", async () => {
      const id = await seedProfile(t, tenant, { fields: developer('Ilse', 'Bezwaar') });
      // The flag set on the profile alone, as if the index row had not caught up: the function's
      // own re-check of the page's profile rows must hold the person back.
      await t.inTenant(tenant, () =>
        t.get(TenantDb).transaction((tx) =>
          tx.query(`UPDATE profiles SET processing_restricted_at = now() WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]),
        ),
      );
      expect(ids(await t.http('get', searchPath(), { tenant: tenant.key, token: withAccess }))).not.toContain(id);
      const staff = await t.signedIn(tenant, ['staff']);
      expect(ids(await t.http('get', searchPath(), { tenant: tenant.key, token: staff.token }))).toContain(id);
    });

    it('inactivating the profile removes it from the results at once', async () => {
      const id = await seedProfile(t, tenant, { fields: developer('Hans', 'Weg') });
      expect(
        ids(await t.http('get', searchPath(), { tenant: tenant.key, token: withAccess })),
      ).toContain(id);
      await updateProfile(t, tenant, id, { state: 'inactive' });
      expect(
        ids(await t.http('get', searchPath(), { tenant: tenant.key, token: withAccess })),
      ).not.toContain(id);
    });

    it('employers see the name of an open profile and only the alias of an anonymised one', async () => {
      const res = await t.http('get', searchPath({ q: 'java' }), {
        tenant: tenant.key,
        token: withAccess,
      });
      const open = res.body.items.find((i: { id?: string; handle: string }) => idOf(i) === p.active);
      const anon = res.body.items.find((i: { id?: string; handle: string }) => idOf(i) === p.anonymous);
      expect(open).toMatchObject({ name: 'Anna Jansen', identityHidden: false });
      expect(open.fields).toMatchObject({ firstName: 'Anna', headline: 'Java ontwikkelaar' });
      expect(anon).toMatchObject({ name: 'Kandidaat 4711', identityHidden: true });
      expect(anon.fields).not.toHaveProperty('firstName');
      expect(anon.fields).not.toHaveProperty('lastName');
      expect(anon.fields).not.toHaveProperty('phone');
      expect(JSON.stringify(anon)).not.toMatch(/Bram|Bakker|0612345678/);
    });

    it('employers never see internal notes or fields kept from them (birth date, references)', async () => {
      const id = await seedProfile(t, tenant, {
        fields: developer('Ilse', 'Intern', {
          birthDate: '1990-01-01',
          references: 'Referentie: J. de Boer',
          summary: 'Tester',
        }),
      });
      const res = await t.http('get', searchPath({ q: 'tester' }), {
        tenant: tenant.key,
        token: withAccess,
      });
      const hit = res.body.items.find((i: { id?: string; handle: string }) => idOf(i) === id);
      expect(Object.keys(hit.fields).sort()).toEqual([
        'city',
        'firstName',
        'headline',
        'lastName',
        'phone',
        'summary',
      ]);
    });

    it('a name or an internal note is never a search term for employers', async () => {
      for (const q of ['Bakker', 'maandag']) {
        const res = await t.http('get', searchPath({ q }), {
          tenant: tenant.key,
          token: withAccess,
        });
        expect(res.body.items).toEqual([]);
      }
    });

    it('the tenant staff find profiles hidden from employers, with the whole dossier', async () => {
      const { token } = await t.signedIn(tenant, ['staff']);
      const res = await t.http('get', searchPath({ q: 'ontwikkelaar' }), {
        tenant: tenant.key,
        token,
      });
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(
        expect.arrayContaining([p.active, p.anonymous, p.hidden, p.expired]),
      );
      for (const gone of [p.draft, p.inactive]) expect(ids(res)).not.toContain(gone);
      const anon = res.body.items.find((i: { id?: string; handle: string }) => idOf(i) === p.anonymous);
      expect(anon).toMatchObject({ name: 'Bram Bakker', identityHidden: false });
      expect(anon.fields.staffNotes).toBeDefined();
    });

    it('jobseekers and partners may not search this candidate bank', async () => {
      for (const roles of [['jobseeker'], ['partner']] as const) {
        const { token } = await t.signedIn(tenant, [...roles]);
        expect((await t.http('get', searchPath(), { tenant: tenant.key, token })).status).toBe(403);
      }
      expect((await t.http('get', searchPath(), { tenant: tenant.key })).status).toBe(401);
    });
  });

  describe('a talent pool with consent, hidden identity and regional staff', () => {
    let tenant: TenantRef;
    let employer: string;
    let inPool: string;
    let notInPool: string;
    let region: { id: string };
    let municipality: { id: string };
    let elsewhere: { id: string };

    beforeAll(async () => {
      tenant = await t.createTenant(regionalPool.key);
      region = await t.createOrgUnit(tenant, 'region');
      municipality = await t.createOrgUnit(tenant, 'municipality', { parentId: region.id });
      elsewhere = await t.createOrgUnit(tenant, 'municipality');
      employer = (await t.signedIn(tenant, ['employer'])).token;
      inPool = await seedProfile(t, tenant, {
        consents: ['talentPool'],
        orgUnitId: municipality.id,
        fields: developer('Jan', 'Pool'),
      });
      notInPool = await seedProfile(t, tenant, {
        orgUnitId: elsewhere.id,
        fields: developer('Karin', 'Buiten'),
      });
    });

    it('employers find only people who consented to the talent pool, under their alias only', async () => {
      const res = await t.http('get', searchPath({ q: 'java' }), {
        tenant: tenant.key,
        token: employer,
      });
      expect(ids(res)).toEqual([inPool]);
      expect(res.body.items[0].identityHidden).toBe(true);
      expect(JSON.stringify(res.body.items[0])).not.toMatch(/Jan|Pool|0612345678/);
    });

    it('withdrawing the consent removes the person from employer results and counts at once', async () => {
      const id = await seedProfile(t, tenant, {
        consents: ['talentPool'],
        fields: developer('Lot', 'Weg'),
      });
      const before = await t.http('get', searchPath(), { tenant: tenant.key, token: employer });
      expect(ids(before)).toContain(id);
      expect(before.body.total).toBe(2);
      await t.inTenant(tenant, () => t.get(ConsentService).withdraw(SYSTEM, id, 'talentPool', { channel: 'web' }));
      const after = await t.http('get', searchPath(), { tenant: tenant.key, token: employer });
      expect(ids(after)).not.toContain(id);
      expect(after.body.total).toBe(1);
    });

    it('an index row left behind a withdrawal still never puts the person on a page', async () => {
      const id = await seedProfile(t, tenant, {
        consents: ['talentPool'],
        fields: developer('Pim', 'Achter'),
      });
      // consent_state changed behind the index's back, which the consent ledger never does.
      await setConsent(t, tenant, id, 'talentPool', false);
      for (const query of [searchPath(), searchPath({ q: 'java' }), searchPath({ q: 'java', sort: 'recent' })]) {
        const res = await t.http('get', query, { tenant: tenant.key, token: employer });
        expect(res.status).toBe(200);
        expect(ids(res)).not.toContain(id);
      }
    });

    it('staff reach the profiles of their own region and the municipalities in it, not others', async () => {
      const { token } = await t.signedIn(tenant, ['staff'], { orgUnitIds: [region.id] });
      const res = await t.http('get', searchPath(), { tenant: tenant.key, token });
      expect(ids(res)).toEqual([inPool]);
      const { token: other } = await t.signedIn(tenant, ['staff'], { orgUnitIds: [elsewhere.id] });
      expect(ids(await t.http('get', searchPath(), { tenant: tenant.key, token: other }))).toEqual([
        notInPool,
      ]);
    });

    it('staff without an organisation unit reach nobody', async () => {
      const { token } = await t.signedIn(tenant, ['staff']);
      const res = await t.http('get', searchPath(), { tenant: tenant.key, token });
      expect(res.body).toMatchObject({ items: [], total: 0 });
    });

    it('a role the tenant does not list as searcher is refused', async () => {
      const { token } = await t.signedIn(tenant, ['tenant-admin']);
      expect((await t.http('get', searchPath(), { tenant: tenant.key, token })).status).toBe(403);
    });
  });

  describe('refugee talent pool (statement 000): identity only after a connection', () => {
    let tenant: TenantRef;
    let person: string;
    let employerUnit: { id: string };
    let employer: string;

    beforeAll(async () => {
      tenant = await t.createTenant('refugee-talent-pool');
      employerUnit = await t.createOrgUnit(tenant, 'employer');
      employer = (await t.signedIn(tenant, ['employer'], { orgUnitIds: [employerUnit.id] })).token;
      person = await seedProfile(t, tenant, {
        consents: ['talentPool'],
        listedUntil: null,
        alias: 'Talent 1234',
        fields: {
          name: 'Amal Haddad',
          email: 'amal@example.test',
          city: 'Zwolle',
          province: 'overijssel',
          about: 'Experienced welder and electrician',
        },
      });
    });

    it('employers find the person under an alias, without name, e-mail or city', async () => {
      const res = await t.http('get', searchPath({ q: 'electricians' }), {
        tenant: tenant.key,
        token: employer,
      });
      expect(ids(res)).toEqual([person]);
      expect(res.body.items[0]).toMatchObject({ name: 'Talent 1234', identityHidden: true });
      expect(JSON.stringify(res.body.items[0])).not.toMatch(/Amal|Haddad|Zwolle|amal@/);
    });

    it('after the person accepts the employer’s connection request, that employer sees the name', async () => {
      await t.inTenant(tenant, () =>
        t.get(TenantDb).transaction((tx) =>
          tx.query(
            `INSERT INTO connections (tenant_id, person_id, employer_org_unit_id, status, requested_at, answered_at)
             VALUES ($1, $2, $3, 'accepted', now(), now())`,
            [tx.tenantId, person, employerUnit.id],
          ),
        ),
      );
      const res = await t.http('get', searchPath({ q: 'electricians' }), {
        tenant: tenant.key,
        token: employer,
      });
      expect(res.body.items[0]).toMatchObject({
        identityHidden: false,
        fields: { name: 'Amal Haddad' },
      });
      expect(res.body.items[0].name).toMatch(/^Amal Haddad/);
      const { token: stranger } = await t.signedIn(tenant, ['employer'], {
        orgUnitIds: [(await t.createOrgUnit(tenant, 'employer')).id],
      });
      const other = await t.http('get', searchPath({ q: 'electricians' }), {
        tenant: tenant.key,
        token: stranger,
      });
      expect(other.body.items[0]).toMatchObject({ name: 'Talent 1234', identityHidden: true });
    });
  });
});
