import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import { AuditService } from '../../../audit/src/audit.service.js';
import type { TenantRef } from '../../../context/src/index.js';
import { idOf, searchPath, seedProfile, updateProfile } from './search-fixtures.js';

interface Hit {
  id?: string;
  handle: string;
  fields: Record<string, unknown>;
}

/** Full text, filters with counts, sorting and keyset pagination, through HTTP. */
describe('searching the candidate bank', () => {
  const clock = new FixedClock('2026-03-01T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
  });
  afterAll(() => t.close());

  /** A tenant with one recruiter whose organisation has access to the bank. */
  async function bank(): Promise<{ tenant: TenantRef; token: string }> {
    const tenant = await t.createTenant('kandidatenbank');
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const { token } = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    return { tenant, token };
  }

  const base = { firstName: 'Sam', lastName: 'Jansen', city: 'Utrecht' };

  describe('full text in Dutch and English', () => {
    let b: { tenant: TenantRef; token: string };
    const p: Record<string, string> = {};
    const find = async (q: string) =>
      (
        (await t.http('get', searchPath({ q }), { tenant: b.tenant.key, token: b.token })).body
          .items as Hit[]
      ).map((h) => idOf(h));

    beforeAll(async () => {
      b = await bank();
      p.nurse = await seedProfile(t, b.tenant, {
        fields: {
          ...base,
          headline: 'Verpleegkundige',
          summary: 'Werkte jaren in de thuiszorg met ouderen.',
        },
      });
      p.developer = await seedProfile(t, b.tenant, {
        fields: {
          ...base,
          headline: 'Software developer',
          summary: 'Building web applications and managing small teams.',
        },
      });
      p.welder = await seedProfile(t, b.tenant, {
        fields: {
          ...base,
          headline: 'Lasser',
          workExperience: [
            {
              role: 'Constructiebankwerker',
              employer: 'Staalbouw BV',
              description: 'Lassen van stalen constructies',
            },
          ],
        },
      });
      p.mentions = await seedProfile(t, b.tenant, {
        fields: { ...base, headline: 'Kok', summary: 'Wil graag omscholen tot verpleegkundige.' },
      });
    });

    it('finds Dutch word forms: plural, verb forms and compound endings', async () => {
      expect(await find('verpleegkundigen')).toEqual(expect.arrayContaining([p.nurse, p.mentions]));
      expect(await find('oudere thuiszorg')).toEqual([p.nurse]);
      expect(await find('constructies lassen')).toEqual([p.welder]);
    });

    it('finds English word forms', async () => {
      expect(await find('developers')).toEqual([p.developer]);
      expect(await find('manager of web application')).toEqual([p.developer]);
    });

    it('searches inside work experience entries', async () => {
      expect(await find('constructiebankwerker')).toEqual([p.welder]);
    });

    it('ranks a match in the desired job above a mention in the free text', async () => {
      expect(await find('verpleegkundige')).toEqual([p.nurse, p.mentions]);
    });

    it('supports quoted phrases and excluded words', async () => {
      expect(await find('"web applications"')).toEqual([p.developer]);
      expect(await find('verpleegkundige -kok')).toEqual([p.nurse]);
    });

    it('a query of stop words only finds nothing rather than everything', async () => {
      const res = await t.http('get', searchPath({ q: 'de het een' }), {
        tenant: b.tenant.key,
        token: b.token,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ items: [], total: 0, nextCursor: null });
    });

    it('a changed profile is found by its new words and no longer by its old ones', async () => {
      const id = await seedProfile(t, b.tenant, { fields: { ...base, headline: 'Timmerman' } });
      expect(await find('timmerman')).toEqual([id]);
      await updateProfile(t, b.tenant, id, { fields: { ...base, headline: 'Metselaar' } });
      expect(await find('timmerman')).toEqual([]);
      expect(await find('metselaar')).toEqual([id]);
    });
  });

  describe('filters and their counts', () => {
    let b: { tenant: TenantRef; token: string };
    const p: Record<string, string> = {};
    const search = (params: Record<string, string | string[]>) =>
      t.http('get', searchPath(params), { tenant: b.tenant.key, token: b.token });

    beforeAll(async () => {
      b = await bank();
      const seed = (city: string, educationLevel: string, hoursPerWeek: number) =>
        seedProfile(t, b.tenant, {
          fields: { ...base, city, educationLevel, hoursPerWeek, headline: 'Boekhouder' },
        });
      p.utrechtHbo = await seed('Utrecht', 'hbo', 32);
      p.utrechtMbo = await seed(' utrecht ', 'mbo', 40);
      p.amsterdamHbo = await seed('Amsterdam', 'hbo', 24);
      p.amsterdamWo = await seed('Amsterdam', 'wo', 32);
    });

    const ids = (res: { body: { items: Hit[] } }) => res.body.items.map((h) => idOf(h)).sort();

    it('without filters counts every value of every filter', async () => {
      const res = await search({});
      expect(res.body.total).toBe(4);
      expect(res.body.facets).toEqual({
        city: [
          { value: 'amsterdam', count: 2 },
          { value: 'utrecht', count: 2 },
        ],
        educationLevel: [
          { value: 'hbo', count: 2 },
          { value: 'mbo', count: 1 },
          { value: 'wo', count: 1 },
        ],
        hoursPerWeek: [
          { value: '32', count: 2 },
          { value: '24', count: 1 },
          { value: '40', count: 1 },
        ],
      });
    });

    it('matches a filter value whatever its case or spacing', async () => {
      const res = await search({ 'filter[city]': 'UTRECHT' });
      expect(ids(res)).toEqual([p.utrechtHbo, p.utrechtMbo].sort());
    });

    it('several values of one filter widen, different filters narrow', async () => {
      const res = await search({
        'filter[city]': ['Utrecht', 'Amsterdam'],
        'filter[educationLevel]': 'hbo',
      });
      expect(ids(res)).toEqual([p.utrechtHbo, p.amsterdamHbo].sort());
      expect(res.body.total).toBe(2);
    });

    it('counts each filter as if its own selection were not made, so other values stay visible', async () => {
      const res = await search({ 'filter[city]': 'utrecht', 'filter[educationLevel]': 'hbo' });
      expect(ids(res)).toEqual([p.utrechtHbo]);
      expect(res.body.facets.city).toEqual([
        { value: 'amsterdam', count: 1 },
        { value: 'utrecht', count: 1 },
      ]);
      expect(res.body.facets.educationLevel).toEqual([
        { value: 'hbo', count: 1 },
        { value: 'mbo', count: 1 },
      ]);
      expect(res.body.facets.hoursPerWeek).toEqual([{ value: '32', count: 1 }]);
    });

    it('combines filters with full text', async () => {
      const res = await search({ q: 'boekhouders', 'filter[hoursPerWeek]': '32' });
      expect(ids(res)).toEqual([p.utrechtHbo, p.amsterdamWo].sort());
    });

    it('words with filters count the same newest first as by relevance, each filter without its own selection', async () => {
      const params = { q: 'boekhouders', 'filter[city]': 'utrecht', 'filter[educationLevel]': 'hbo' };
      const recent = await search({ ...params, sort: 'recent' });
      const relevance = await search(params);
      expect(ids(recent)).toEqual([p.utrechtHbo]);
      expect(recent.body.total).toBe(1);
      expect(recent.body.facets).toEqual(relevance.body.facets);
      expect(recent.body.facets.city).toEqual([
        { value: 'amsterdam', count: 1 },
        { value: 'utrecht', count: 1 },
      ]);
      expect(recent.body.facets.educationLevel).toEqual([
        { value: 'hbo', count: 1 },
        { value: 'mbo', count: 1 },
      ]);
    });
  });

  describe('sorting and keyset pagination', () => {
    let b: { tenant: TenantRef; token: string };
    const all: string[] = [];
    const page = (params: Record<string, string | number>) =>
      t.http('get', searchPath({ limit: 7, ...params }), { tenant: b.tenant.key, token: b.token });

    async function walk(
      params: Record<string, string | number>,
      between?: (n: number) => Promise<void>,
    ) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let n = 0; n < 20; n++) {
        const res = await page(cursor ? { ...params, cursor } : params);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(7);
        seen.push(...res.body.items.map((h: Hit) => idOf(h)));
        cursor = res.body.nextCursor;
        if (!cursor) break;
        await between?.(n);
      }
      return seen;
    }

    beforeAll(async () => {
      b = await bank();
      for (let i = 0; i < 23; i++) {
        const words =
          i % 3 === 0
            ? 'Chauffeur chauffeur vrachtwagen'
            : i % 3 === 1
              ? 'Chauffeur bestelbus'
              : 'Magazijnmedewerker, ook chauffeur';
        // Same minute for several profiles: ties on the sort key must still page exactly once.
        const updatedAt = new Date(Date.UTC(2026, 1, 1 + Math.floor(i / 4)));
        all.push(
          await seedProfile(t, b.tenant, { updatedAt, fields: { ...base, headline: words } }),
        );
      }
    });

    it('recent first: newest update on top', async () => {
      const seen = await walk({ sort: 'recent' });
      expect(new Set(seen).size).toBe(23);
      expect(new Set(seen.slice(0, 3))).toEqual(new Set(all.slice(20)));
      expect(new Set(seen.slice(19))).toEqual(new Set(all.slice(0, 4)));
    });

    it('every profile appears exactly once across pages, by relevance and by recency', async () => {
      for (const params of [{ q: 'chauffeur' }, { q: 'chauffeur', sort: 'recent' }, {}] as Record<
        string,
        string
      >[]) {
        const seen = await walk(params);
        expect(seen).toHaveLength(23);
        expect(new Set(seen)).toEqual(new Set(all));
      }
    });

    it('profiles added or changed while paging neither repeat nor push others out', async () => {
      const added: string[] = [];
      const seen = await walk({ q: 'chauffeur' }, async (n) => {
        if (n === 0) {
          added.push(
            await seedProfile(t, b.tenant, {
              fields: { ...base, headline: 'Chauffeur chauffeur chauffeur vrachtwagen' },
            }),
          );
          await updateProfile(t, b.tenant, all[0], {
            fields: { ...base, headline: 'Chauffeur chauffeur vrachtwagen' },
          });
        }
      });
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of all) expect(seen).toContain(id);
    });

    it('the first page carries the total and the counts, later pages do not', async () => {
      const first = await page({ q: 'chauffeur' });
      expect(first.body.total).toBeGreaterThanOrEqual(23);
      const next = await page({ q: 'chauffeur', cursor: first.body.nextCursor });
      expect(next.body.total).toBeUndefined();
      expect(next.body.facets).toBeUndefined();
    });

    it('a cursor only continues the search it came from', async () => {
      const first = await page({ q: 'chauffeur' });
      const res = await page({ q: 'magazijn', cursor: first.body.nextCursor });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'cursor', reason: expect.stringMatching(/another search/) },
      ]);
    });
  });

  describe('bad requests name the parameter and the reason', () => {
    let b: { tenant: TenantRef; token: string };
    beforeAll(async () => {
      b = await bank();
    });

    it.each([
      [{ limit: '0' }, 'limit', /1 to 50/],
      [{ limit: '51' }, 'limit', /1 to 50/],
      [{ limit: 'ten' }, 'limit', /whole number/],
      [{ sort: 'best' }, 'sort', /relevance or recent/],
      [{ q: 'x'.repeat(201) }, 'q', /at most 200/],
      [{ q: ['a', 'b'] }, 'q', /once/],
      [{ page: '2' }, 'page', /not a search parameter/],
      [{ 'filter[birthDate]': '1990-01-01' }, 'filter[birthDate]', /not a filter/],
      [{ 'filter[educationLevel]': 'phd' }, 'filter[educationLevel]', /one of: vmbo/],
      [{ 'filter[hoursPerWeek]': '12.5' }, 'filter[hoursPerWeek]', /whole number/],
      [{ 'filter[hoursPerWeek]': '61' }, 'filter[hoursPerWeek]', /at most 60/],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor', /not a cursor/],
    ] as const)('%j', async (params, field, reason) => {
      const res = await t.http('get', searchPath(params as Record<string, string | string[]>), {
        tenant: b.tenant.key,
        token: b.token,
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([{ field, reason: expect.stringMatching(reason) }]);
    });
  });

  describe('every search is audited without what was typed', () => {
    it('records the audience, filter keys and counts, never the query text or filter values', async () => {
      const b = await bank();
      await seedProfile(t, b.tenant, {
        fields: { ...base, headline: 'Monteur', summary: 'Ervaren in onderhoud' },
      });
      const res = await t.http(
        'get',
        searchPath({ q: 'ervaren monteur', 'filter[city]': 'Utrecht' }),
        { tenant: b.tenant.key, token: b.token },
      );
      expect(res.status).toBe(200);
      const entries = await t.inTenant(b.tenant, () => t.get(AuditService).list({}));
      const search = entries.filter((e) => e.action === 'search.run');
      expect(search).toHaveLength(1);
      expect(search[0].details).toEqual({
        audience: 'employer',
        sort: 'relevance',
        queryWords: 2,
        filterKeys: ['city'],
        page: 'first',
        results: 1,
        total: 1,
      });
      expect(JSON.stringify(search[0])).not.toMatch(/ervaren|monteur|utrecht/i);
    });
  });
});
