/**
 * The query mix of the run: what recruiters type and click. Broad browsing (no words, no filters)
 * is the most expensive case for the counts and is included on purpose.
 */
export interface BenchQuery {
  readonly label: string;
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  /** Also request the second page, through the cursor of the first. */
  readonly nextPage?: boolean;
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  { label: 'common Dutch word', params: { q: 'verpleegkundige' } },
  { label: 'common English word', params: { q: 'driver' } },
  { label: 'Dutch inflection', params: { q: 'magazijnmedewerkers' } },
  { label: 'English inflection', params: { q: 'developers' } },
  { label: 'two words', params: { q: 'heftruck orderpicken' } },
  { label: 'skill', params: { q: 'typescript postgresql' } },
  { label: 'rare occupation', params: { q: 'actuaris' } },
  { label: 'phrase', params: { q: '"internationaal transport"' } },
  { label: 'word + city', params: { q: 'elektricien', 'filter[city]': 'Utrecht' } },
  {
    label: 'word + two filters',
    params: { q: 'monteur', 'filter[educationLevel]': 'mbo', 'filter[hoursPerWeek]': '40' },
  },
  { label: 'two cities', params: { 'filter[city]': ['Rotterdam', 'Den Haag'] } },
  { label: 'education level', params: { 'filter[educationLevel]': 'hbo' } },
  { label: 'browse newest', params: {} },
  { label: 'word, newest first', params: { q: 'kok', sort: 'recent' } },
  { label: 'common word, page 2', params: { q: 'vrachtwagenchauffeur' }, nextPage: true },
  { label: 'browse, page 2', params: { sort: 'recent' }, nextPage: true },
];
