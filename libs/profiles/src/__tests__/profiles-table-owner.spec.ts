import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEARCH_PROFILES_BOUNDED_RANKING as NEWEST_SEARCH } from '../../../search/src/migrations/search-bounded-ranking.sql.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** SQL that reads, writes or references the profiles table (keywords in capitals, as all SQL here is written). */
const NAMES_PROFILES = [/\b(FROM|JOIN|UPDATE|INTO|REFERENCES)\s+(public\.)?profiles\b/, /\bprofiles\s+(AS\s+)?p\b/];

/**
 * Shipped migrations of other libraries that name the table; their text cannot change, since later
 * migrations rebuild theirs from it and their way down restores it. Never add to this list.
 */
const HISTORY: Record<string, string> = {
  'libs/search/src/migrations/1732201200000-profile-search.ts':
    'ProfileSearch1732201200000: the index row references its profile (foreign key, deleted with it)',
  'libs/search/src/migrations/search-functions.sql.ts':
    'ProfileSearch1732201200000: the first search_profiles, the text every later version is swapped from',
  'libs/search/src/migrations/search-projected-fields.sql.ts':
    'SearchProjectedFields1732209860100: its search_profiles, which SearchProfileCards1732300000100 replaces and restores on the way down',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' || e.name === 'node_modules' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const namesProfiles = (text: string) => NAMES_PROFILES.some((re) => re.test(text));

/**
 * libs/profiles owns the profiles table: other libraries ask its services, its SQL helpers
 * (reach-sql.ts) or its SQL functions (app.profile_card for the search page), so the reach and
 * projection rules have one home.
 */
describe('only libs/profiles names the profiles table', () => {
  const files = readdirSync(join(root, 'libs'))
    .filter((lib) => lib !== 'profiles')
    .flatMap((lib) => sources(join(root, 'libs', lib, 'src')))
    .map((path) => relative(root, path));

  it('no source file of another library names it, apart from shipped migrations', () => {
    const naming = files.filter((f) => namesProfiles(readFileSync(join(root, f), 'utf8')));
    expect(naming.filter((f) => !(f in HISTORY))).toEqual([]);
    // An entry that no longer names the table is dropped, so the list stays the list of exceptions.
    expect(Object.keys(HISTORY).filter((f) => !naming.includes(f))).toEqual([]);
  });

  it('the search function in effect reads its page through app.profile_card', () => {
    expect(namesProfiles(NEWEST_SEARCH)).toBe(false);
    expect(NEWEST_SEARCH).toContain('JOIN LATERAL');
    expect(NEWEST_SEARCH).toContain('app.profile_card(');
  });

  it('the patterns catch the forms the table is named in', () => {
    for (const sql of ['SELECT 1 FROM profiles WHERE', 'JOIN profiles p ON', 'UPDATE profiles SET', 'INSERT INTO profiles (', 'REFERENCES profiles (tenant_id, id)', 'FROM public.profiles'])
      expect([sql, namesProfiles(sql)]).toEqual([sql, true]);
    for (const text of ['profile_search', 'profiles per page', 'JOIN LATERAL app.profile_card(', 'import from profiles'])
      expect([text, namesProfiles(text)]).toEqual([text, false]);
  });
});
