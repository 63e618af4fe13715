import pg from 'pg';
import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { SEARCH_RANK_WINDOW } from '../migrations/search-bounded-ranking.sql.js';
import { searchPath, seedMany, type ProfileSeed } from './search-fixtures.js';

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
  total?: number;
  totalCapped?: boolean;
  rankedWithin?: number;
}

/**
 * The promise of bounded ranking: a relevance search ranks every match when there are no more
 * than the window (its answer is the full ranking, as before), and otherwise ranks the first
 * 1,000 it finds and says so on every page, while its pages still walk one order, each hit once.
 */
describe('word searches ranked within a bounded window', () => {
  const clock = new FixedClock('2026-03-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let staff: string;
  let owner: pg.Client;

  const CITIES = ['Utrecht', 'Delft', 'Zwolle', 'Assen'];
  // The word repeated 1 to 5 times in the summary gives five different ranks, ties broken by id.
  const person = (word: string, i: number): ProfileSeed => ({
    fields: {
      firstName: 'Sam',
      lastName: `Jansen ${i}`,
      headline: i % 7 === 0 ? word : 'Medewerker',
      summary: `${Array.from({ length: (i % 5) + 1 }, () => word).join(' en ')}.`,
      city: CITIES[i % 4],
      educationLevel: i % 2 ? 'mbo' : 'hbo',
      hoursPerWeek: 32,
    },
  });

  const search = (params: Record<string, string>) =>
    t.http('get', searchPath(params), { tenant: tenant.key, token: staff });

  /** Every page of a search, through the cursor. */
  async function walk(params: Record<string, string>): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const res = await search(cursor ? { ...params, cursor } : params);
      expect(res.status).toBe(200);
      pages.push(res.body as Page);
      cursor = (res.body as Page).nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  }
  const ids = (pages: Page[]) => pages.flatMap((p) => p.items.map((h) => h.id));

  /** The full ranking of every match, computed apart from the search function: what a complete answer is. */
  async function fullRanking(word: string, city?: string): Promise<{ id: string; rank: number }[]> {
    const { rows } = await owner.query(
      `SELECT s.profile_id AS id, ts_rank(s.document, app.search_text_query($2)) AS rank
         FROM profile_search s
        WHERE s.tenant_id = $1 AND s.document @@ app.search_text_query($2)
          AND ($3::text IS NULL OR s.filter_tokens @> ARRAY['city=' || $3])
        ORDER BY rank DESC, s.profile_id DESC`,
      [tenant.id, word, city ?? null],
    );
    return rows as { id: string; rank: number }[];
  }

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    staff = (await t.signedIn(tenant, ['staff'])).token;
    await seedMany(t, tenant, SEARCH_RANK_WINDOW + 60, (i) => person('lasser', i));
    await seedMany(t, tenant, 45, (i) => person('kok', i));
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
  }, 120_000);
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  it('a word search with no more matches than the window is the full ranking, page after page, and says nothing of a window', async () => {
    const pages = await walk({ q: 'kok', limit: '10' });
    expect(ids(pages)).toEqual((await fullRanking('kok')).map((r) => r.id));
    expect(pages[0]).toMatchObject({ total: 45, totalCapped: false });
    for (const page of pages) expect(page.rankedWithin).toBeUndefined();
  });

  it('a word search with more matches than the window says on every page that its order is among the first 1,000, and its pages walk those 1,000 once each, best first', async () => {
    const pages = await walk({ q: 'lasser', limit: '50' });
    expect(pages[0]).toMatchObject({ total: 1000, totalCapped: true, rankedWithin: SEARCH_RANK_WINDOW });
    for (const page of pages) expect(page.rankedWithin).toBe(SEARCH_RANK_WINDOW);

    const walked = ids(pages);
    expect(walked).toHaveLength(SEARCH_RANK_WINDOW);
    expect(new Set(walked).size).toBe(SEARCH_RANK_WINDOW);
    // Each hit is a match, and the walk is in the full ranking's order restricted to the window.
    const full = await fullRanking('lasser');
    expect(full).toHaveLength(SEARCH_RANK_WINDOW + 60);
    const inWindow = new Set(walked);
    expect(walked).toEqual(full.filter((r) => inWindow.has(r.id)).map((r) => r.id));
  });

  it('a filter that narrows a broad word search to no more than the window gives the full ranking again', async () => {
    const pages = await walk({ q: 'lasser', 'filter[city]': 'Assen', limit: '50' });
    const full = await fullRanking('lasser', 'assen');
    expect(full.length).toBeLessThanOrEqual(SEARCH_RANK_WINDOW);
    expect(ids(pages)).toEqual(full.map((r) => r.id));
    expect(pages[0]).toMatchObject({ total: full.length, totalCapped: false });
    for (const page of pages) expect(page.rankedWithin).toBeUndefined();
  });

  it('newest first is not bounded: the first page is the newest of all the matches', async () => {
    const res = await search({ q: 'lasser', sort: 'recent', limit: '5' });
    const { rows } = await owner.query(
      `SELECT s.profile_id AS id FROM profile_search s
        WHERE s.tenant_id = $1 AND s.document @@ app.search_text_query('lasser')
        ORDER BY s.recency DESC, s.profile_id DESC LIMIT 5`,
      [tenant.id],
    );
    expect(res.body.items.map((h: { id: string }) => h.id)).toEqual(rows.map((r) => r.id));
    expect(res.body.rankedWithin).toBeUndefined();
  });
});
