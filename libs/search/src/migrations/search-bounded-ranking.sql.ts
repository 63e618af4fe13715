import { SEARCH_COUNT_CAP, SEARCH_PROFILES_CAPPED_COUNTS } from './search-capped-counts.sql.js';
import { swapOnce } from './swap-once.js';

/**
 * A word search sorted by relevance ranks at most this many of its matches: the first ones the
 * index scan returns (see SEARCH_PROFILES_BOUNDED_RANKING). The same number as the counts' cap, so
 * a search whose total is exact is ranked in full, and one shown as "1,000+" is the one whose order
 * is bounded: the reader is told both by one rule.
 */
export const SEARCH_RANK_WINDOW = SEARCH_COUNT_CAP;

const READ = SEARCH_RANK_WINDOW + 1;

const DEFINER_LINE = 'LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$';
/*
 * The window is "the first matches the scan returns", so it must be the same rows on page 1 and on
 * page 2 for the cursor to walk one order: a parallel scan hands rows over in whichever order its
 * workers finish, and a synchronised sequential scan starts where another scan of the table happens
 * to be. Both are switched off for this function only. (A plan that changes between two pages, after
 * new statistics, could still read another window; the search above the window would then repeat or
 * skip a hit on a later page, which a search with no more matches than the window never does.)
 */
const DEFINER_LINE_STABLE_SCAN =
  'LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public'
  + ' SET max_parallel_workers_per_gather = 0 SET synchronize_seqscans = off AS $$';

const DECLARE_SHARED = '     v_shared boolean;\n';
const DECLARE_BOUNDED = '     v_shared boolean;\n     v_bounded boolean := false;\n';

const SHARED_FROM = `     -- With words and counts, the text matches (without the filters) are read once for both.
     v_shared := v_text IS NOT NULL AND v_counting;`;
const SHARED_TO = `     -- With words and counts, the text matches (without the filters) are read once for both.
     v_shared := v_text IS NOT NULL AND v_counting;
     -- Ranking reads each match's document, one heap page per match: a common word in a large
     -- tenant is tens of thousands of pages for a page of twenty. A relevance search ranks the
     -- first ${SEARCH_RANK_WINDOW} matches (words, filters and reach) the scan returns instead, and
     -- says so when there were more.
     v_bounded := v_text IS NOT NULL AND p_sort = 'relevance';
     -- A consent the search requires is checked per match, not joined: the planner hashed every
     -- match of the words to join them with the consents (measured: 6,930 of a talent pool's
     -- pages read for a window of 1,001), so the window's LIMIT stopped nothing; the capped
     -- counts hashed all 80,000 consents of the pool to count 1,001 rows. OFFSET 0 keeps the
     -- EXISTS a per-row index probe, and every scan with a LIMIT stops at its last row.
     v_where := replace(v_where, ' AND c.granted)', ' AND c.granted OFFSET 0)');`;

const BASE_FROM = `     v_base := CASE WHEN v_shared THEN`;
/*
 * base: at most cap + 1 matches of the words with the filters, in the order the scan returns them
 * (the GIN bitmap visits the table in block order), each numbered; only the first cap are ranked
 * and paged. With no more than the cap there is nothing left out: the page is the one a full
 * ranking gives, and the total is exact. The row numbered cap + 1 only says there are more.
 */
const BASE_TO = `     IF v_bounded THEN
       v_base := 'base AS MATERIALIZED (SELECT w.profile_id, w.recency, w.filter_set, w.filter_tokens, w.rank,'
         || ' row_number() OVER () AS n FROM (SELECT s.profile_id, s.recency, s.filter_set, s.filter_tokens, '
         || v_rank || ' AS rank FROM profile_search s WHERE ' || v_where || ' AND ' || v_all || ' LIMIT ${READ}) w)';
     ELSE
     v_base := CASE WHEN v_shared THEN`;
const BASE_END_FROM = `         || ' AS rank FROM profile_search s WHERE ' || v_where || ' AND ' || v_all || ')'
       END;`;
const BASE_END_TO = `${BASE_END_FROM}
     END IF;`;

const COUNTS_FROM = `     IF v_counting THEN
       v_counts := '(WITH f AS (SELECT s.filter_set, s.filter_tokens FROM '`;
/*
 * The counts of a bounded search. The total is base's length (cap + 1 reads as "1,000+"). The
 * facets are counted over the matches without the filters, as before: with no filters those are
 * base; with filters they need their own scan (the matches of the words alone, $15), which stops
 * at cap + 1 like every count.
 */
const COUNTS_TO = `     IF v_counting AND v_bounded THEN
       v_counts := '(WITH f AS (SELECT s.filter_set, s.filter_tokens FROM '
         || CASE WHEN v_all = 'true' THEN 'base s' ELSE 'profile_search s WHERE ' || replace(v_where, '$5', '$15') END
         || ' LIMIT ${READ}), g AS (SELECT ' || v_one_of || '(s.filter_tokens) AS filter_tokens, count(*) AS n FROM f s GROUP BY s.filter_set),'
         || ' r AS (SELECT count(*) <= ${SEARCH_COUNT_CAP} AS exact FROM f)'
         || ' SELECT jsonb_build_array(jsonb_build_array(NULL, NULL, (SELECT count(*) FROM base)))'
         || ' || coalesce(jsonb_agg(jsonb_build_array(split_part(tok, ''='', 1), substr(tok, strpos(tok, ''='') + 1),'
         || ' CASE WHEN (SELECT exact FROM r) THEN n END)), ''[]'')'
         || ' FROM (SELECT tok, sum(s.n) AS n FROM g s, unnest(s.filter_tokens) tok'
         || ' WHERE split_part(tok, ''='', 1) = ANY ($12) AND ' || v_case || ' GROUP BY tok) c)';
     ELSIF v_counting THEN
       v_counts := '(WITH f AS (SELECT s.filter_set, s.filter_tokens FROM '`;

const PAGE_FROM = `       'WITH ' || v_base || ', page AS (SELECT s.profile_id, s.recency, s.rank FROM base s WHERE '
       || CASE WHEN v_shared THEN v_all ELSE 'true' END || v_keyset`;
const PAGE_TO = `       'WITH ' || v_base || ', page AS (SELECT s.profile_id, s.recency, s.rank FROM base s WHERE '
       || CASE WHEN v_bounded THEN 's.n <= ${SEARCH_RANK_WINDOW}' WHEN v_shared THEN v_all ELSE 'true' END || v_keyset`;

const RESULT_FROM = `       || ' SELECT jsonb_build_object(''counts'', ' || v_counts || ', ''hits'', (`;
// Every page of a bounded search says whether its order left matches out, not only the first.
const RESULT_TO = `       || ' SELECT jsonb_build_object(''counts'', ' || v_counts || ', ''rankedWithin'', '
       || CASE WHEN v_bounded THEN '(SELECT CASE WHEN count(*) > ${SEARCH_RANK_WINDOW} THEN ${SEARCH_RANK_WINDOW} END FROM base)' ELSE 'NULL::int' END
       || ', ''hits'', (`;

const MATCH_FROM = `                  ELSE app.search_match(v_tenant, v_text, CASE WHEN v_shared THEN '{}'::jsonb ELSE p_filters END) END,`;
const MATCH_TO = `                  ELSE app.search_match(v_tenant, v_text, CASE WHEN v_shared AND NOT v_bounded THEN '{}'::jsonb ELSE p_filters END) END,`;
const PARAMS_FROM = '             v_reach.actor_units, p_count_keys, p_fields, p_listing_limited;';
const PARAMS_TO = `             v_reach.actor_units, p_count_keys, p_fields, p_listing_limited,
             CASE WHEN v_text IS NULL THEN NULL ELSE app.search_match(v_tenant, v_text, '{}'::jsonb) END;`;

/**
 * search_profiles with bounded ranking for word searches sorted by relevance; browsing, filters
 * without words, and newest-first searches are unchanged (they read an index in their own order).
 * Same signature, so owner and grants stay.
 */
export function withBoundedRanking(text: string): string {
  return [
    (t: string) => swapOnce(t, DEFINER_LINE, DEFINER_LINE_STABLE_SCAN),
    (t: string) => swapOnce(t, DECLARE_SHARED, DECLARE_BOUNDED),
    (t: string) => swapOnce(t, SHARED_FROM, SHARED_TO),
    (t: string) => swapOnce(t, BASE_FROM, BASE_TO),
    (t: string) => swapOnce(t, BASE_END_FROM, BASE_END_TO),
    (t: string) => swapOnce(t, COUNTS_FROM, COUNTS_TO),
    (t: string) => swapOnce(t, PAGE_FROM, PAGE_TO),
    (t: string) => swapOnce(t, RESULT_FROM, RESULT_TO),
    (t: string) => swapOnce(t, MATCH_FROM, MATCH_TO),
    (t: string) => swapOnce(t, PARAMS_FROM, PARAMS_TO),
  ].reduce((t, step) => step(t), text);
}

/** The newest text of search_profiles. */
export const SEARCH_PROFILES_BOUNDED_RANKING = withBoundedRanking(SEARCH_PROFILES_CAPPED_COUNTS);
