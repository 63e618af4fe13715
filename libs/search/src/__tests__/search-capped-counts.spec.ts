import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import { AuditService } from '../../../audit/src/audit.service.js';
import type { TenantRef } from '../../../context/src/index.js';
import { SEARCH_COUNT_CAP } from '../migrations/search-capped-counts.sql.js';
import { searchPath, seedMany, type ProfileSeed } from './search-fixtures.js';

interface Facet {
  value: string;
  count: number | null;
}

/**
 * The promise of the counts: exact up to 1,000 matches, "1,000+" above (never a wrong exact
 * number), facet counts only where they are exact, and no count ever made of a profile the searcher
 * could not find (hidden, unlisted, another tenant's). The bank holds exactly the cap of profiles an
 * employer finds, beside more than a hundred an employer does not and a second tenant's: one of
 * them counted would turn the employer's exact 1,000 into "1,000+".
 */
describe('search counts, capped at 1,000', () => {
  const clock = new FixedClock('2026-03-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let employer: string;
  let staff: string;

  const CITIES = ['Utrecht', 'Delft', 'Zwolle', 'Assen'];
  const welder = (i: number, extra: Partial<ProfileSeed> = {}): ProfileSeed => ({
    // Every value of every filter is known from i, so each count below can be computed.
    fields: { firstName: 'Sam', lastName: `Jansen ${i}`, headline: 'Lasser', city: CITIES[i % 4], educationLevel: i % 2 ? 'mbo' : 'hbo', hoursPerWeek: 32 },
    ...extra,
  });

  const search = (token: string, params: Record<string, string | string[]> = {}) =>
    t.http('get', searchPath(params), { tenant: tenant.key, token });
  const sum = (facets: Facet[]) => facets.reduce((n, f) => n + (f.count ?? 0), 0);

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    const other = await t.createTenant('kandidatenbank');
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    employer = (await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] })).token;
    staff = (await t.signedIn(tenant, ['staff'])).token;
    await seedMany(t, tenant, SEARCH_COUNT_CAP, (i) => welder(i));
    // Found by staff, never by employers: hidden from employers, past the listing year, without
    // an end date (never activated); and inactive (found by nobody).
    await seedMany(t, tenant, 40, (i) => welder(i, { visibleToEmployers: false }));
    await seedMany(t, tenant, 40, (i) => welder(i, { listedUntil: new Date('2026-02-01T00:00:00Z') }));
    await seedMany(t, tenant, 40, (i) => welder(i, { listedUntil: null }));
    await seedMany(t, tenant, 40, (i) => welder(i, { state: 'inactive' }));
    await seedMany(t, other, 40, (i) => welder(i));
  }, 60_000);
  afterAll(() => t.close());

  it('counts exactly the cap an employer finds as 1,000, not 1,000+: no hidden, unlisted or other tenant profile is counted', async () => {
    for (const params of [{}, { q: 'lasser' }] as Record<string, string>[]) {
      const res = await search(employer, params);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1000, totalCapped: false, facetsCounted: true });
      expect(res.body.facets.city).toEqual([
        { value: 'assen', count: 250 },
        { value: 'delft', count: 250 },
        { value: 'utrecht', count: 250 },
        { value: 'zwolle', count: 250 },
      ]);
      expect(sum(res.body.facets.educationLevel)).toBe(1000);
    }
  });

  it('staff find the hidden and unlisted ones too, and are told 1,000+ with the facets not counted', async () => {
    const res = await search(staff);
    expect(res.body).toMatchObject({ total: 1000, totalCapped: true, facetsCounted: false });
    expect(res.body.facets.city.map((f: Facet) => f.value).sort()).toEqual(['assen', 'delft', 'utrecht', 'zwolle']);
    expect(res.body.facets.city.every((f: Facet) => f.count === null)).toBe(true);
  });

  it('one more listed profile makes it 1,000+ for the employer; a narrower search keeps its exact count', async () => {
    await seedMany(t, tenant, 1, (i) => welder(i));
    await seedMany(t, tenant, 3, () => ({ fields: { firstName: 'Kim', lastName: 'de Vries', headline: 'Kok', city: 'Assen', educationLevel: 'mbo', hoursPerWeek: 24 } }));

    for (const params of [{}, { q: 'lasser' }] as Record<string, string>[]) {
      const res = await search(employer, params);
      expect(res.body).toMatchObject({ total: 1000, totalCapped: true, facetsCounted: false });
      expect(res.body.items).toHaveLength(20);
      expect(res.body.nextCursor).toEqual(expect.any(String));
    }

    const cook = await search(employer, { q: 'kok' });
    expect(cook.body).toMatchObject({ total: 3, totalCapped: false, facetsCounted: true });
    expect(cook.body.facets.city).toEqual([{ value: 'assen', count: 3 }]);
    expect(cook.body.facets.hoursPerWeek).toEqual([{ value: '24', count: 3 }]);
  });

  it('a filter narrows the total to its exact count, and the selected value is still offered when the facets are not counted', async () => {
    const res = await search(employer, { 'filter[city]': 'Assen', 'filter[educationLevel]': 'mbo' });
    // 1,000 welders: i % 4 = 3 is Assen and odd, so mbo: 250 of them; the one more (i = 0) is Utrecht; 3 cooks.
    expect(res.body).toMatchObject({ total: 253, totalCapped: false, facetsCounted: false });
    expect(res.body.items).toHaveLength(20);
    expect(res.body.facets.city).toContainEqual({ value: 'assen', count: null });
    expect(res.body.facets.educationLevel).toContainEqual({ value: 'mbo', count: null });

    // Fewer than a page: the page itself holds every match, and the total is its length.
    const few = await search(employer, { 'filter[city]': 'Assen', 'filter[hoursPerWeek]': '24' });
    expect(few.body).toMatchObject({ total: 3, totalCapped: false, facetsCounted: false, nextCursor: null });
    expect(few.body.items).toHaveLength(3);
  });

  it('with words, the counts are exact once the words find no more than 1,000, whatever the filters', async () => {
    const res = await search(employer, { q: 'kok', 'filter[city]': 'Utrecht' });
    expect(res.body).toMatchObject({ items: [], total: 0, totalCapped: false, facetsCounted: true });
    expect(res.body.facets.city).toEqual([{ value: 'assen', count: 3 }]);
  });

  it('audits the capped total as capped', async () => {
    await search(employer, { q: 'lasser' });
    const entries = await t.inTenant(tenant, () => t.get(AuditService).list({}));
    // Newest first.
    const last = entries.find((e) => e.action === 'search.run');
    expect(last?.details).toMatchObject({ total: 1000, totalCapped: true });
  });
});
