import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { createVacancy, employerWithRecruiter } from './vacancy-fixtures.js';

describe('public vacancy search', () => {
  const clock = new FixedClock('2026-01-10T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    const { recruiter } = await employerWithRecruiter(t, tenant);
    const make = async (key: string, body: Record<string, unknown>) => {
      ids[key] = await createVacancy(t, tenant, recruiter.token, body);
      clock.advance(60_000);
    };
    await make('dutchDevelopers', {
      title: 'Ervaren ontwikkelaars gezocht',
      description: 'Wij bouwen webapplicaties voor gemeenten en zoeken collega ontwikkelaars met TypeScript ervaring.',
      location: { city: 'Utrecht' },
      hours: { min: 32, max: 40 },
    });
    await make('englishDevelopers', {
      title: 'Backend developer',
      description: 'We are hiring developers who enjoy building reliable services for job seekers.',
      location: { city: 'Amsterdam' },
      hours: { min: 24, max: 32 },
    });
    await make('baker', {
      title: 'Bakker (parttime)',
      description: 'Voor onze bakkerij zoeken wij een bakker die vroeg op wil en van brood houdt.',
      location: { city: 'amsterdam' },
      hours: { min: 12, max: 20 },
    });
    await make('nurse', {
      title: 'Verpleegkundige',
      description: 'Zorginstelling zoekt een verpleegkundige voor de nachtdienst op de afdeling geriatrie.',
      location: { city: 'Rotterdam' },
      hours: { min: 28, max: 36 },
      contractType: 'temporary',
    });
    await make('cleaner', {
      title: 'Schoonmaker kantoren',
      description: 'Schoonmaakwerk in kantoorpanden in de avonduren, een goed team en vaste uren.',
      location: { city: 'Utrecht' },
      hours: { min: 8, max: 16 },
    });
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const res = await t.http('get', `/vacancies?${query}`, { tenant: tenant.key });
    expect(res.status).toBe(200);
    return res.body as { items: { id: string }[]; nextCursor: string | null };
  };
  const found = async (query: string) => (await search(query)).items.map((v) => v.id);

  it('finds a Dutch vacancy by another form of a Dutch word (stemming)', async () => {
    expect(await found('q=ontwikkelaar')).toEqual([ids.dutchDevelopers]);
  });

  it('finds an English vacancy by another form of an English word', async () => {
    expect(await found('q=developers')).toEqual([ids.englishDevelopers]);
    expect(await found('q=hire')).toEqual([ids.englishDevelopers]);
  });

  it('requires every word of a query and honours quoted phrases and exclusions', async () => {
    expect(await found('q=bakker%20brood')).toEqual([ids.baker]);
    expect(await found('q=bakker%20verpleegkundige')).toEqual([]);
    expect(await found(`q=${encodeURIComponent('"vroeg op"')}`)).toEqual([ids.baker]);
    expect(await found(`q=${encodeURIComponent('zoeken -bakker')}`)).not.toContain(ids.baker);
  });

  it('filters on city regardless of case and on hours inside the vacancy range', async () => {
    expect(new Set(await found('city=AMSTERDAM'))).toEqual(new Set([ids.englishDevelopers, ids.baker]));
    expect(new Set(await found('hours=30'))).toEqual(new Set([ids.englishDevelopers, ids.nurse]));
    expect(new Set(await found('hours=32'))).toEqual(new Set([ids.dutchDevelopers, ids.englishDevelopers, ids.nurse]));
    expect(await found('city=utrecht&hours=10')).toEqual([ids.cleaner]);
    expect(await found('contractType=temporary')).toEqual([ids.nurse]);
  });

  it('pages newest first with a keyset cursor: no vacancy twice, none skipped', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await search(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids.cleaner, ids.nurse, ids.baker, ids.englishDevelopers, ids.dutchDevelopers]);
  });

  it('keeps pages stable when a newer vacancy appears between two requests', async () => {
    const first = await search('limit=2');
    const { recruiter } = await employerWithRecruiter(t, tenant);
    clock.advance(60_000);
    const newer = await createVacancy(t, tenant, recruiter.token, { title: 'Nieuwe vacature' });
    const second = await search(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((v) => v.id)).toEqual([ids.baker, ids.englishDevelopers]);
    expect((await found('limit=1'))[0]).toBe(newer);
  });

  it('refuses a cursor it did not issue and out-of-range filters, naming the parameter', async () => {
    const bad = await t.http('get', '/vacancies?cursor=bm9wZQ', { tenant: tenant.key });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'cursor', reason: 'is not a cursor returned by this list' }]);
    const hours = await t.http('get', '/vacancies?hours=100&limit=0', { tenant: tenant.key });
    expect(hours.status).toBe(400);
    expect(hours.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hours', 'limit']);
  });
});
