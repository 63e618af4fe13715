import { SEARCH_PROFILES_PROJECTED_SIGNATURE } from './search-projected-fields.sql.js';
import { SEARCH_PROFILES_CARDS } from './search-profile-cards.sql.js';
import { swapOnce } from './swap-once.js';

/**
 * Up to this many matches a search says exactly how many there are; above it, that there are at
 * least this many ("1,000+"). The function reads one row more than this to tell the two apart.
 */
export const SEARCH_COUNT_CAP = 1000;

/** The counting part of search_profiles as SearchProfileCards1732300000100 (and every earlier version) wrote it. */
const EXACT_COUNTS = `     IF v_counting THEN
       v_counts := '(SELECT coalesce(jsonb_agg(jsonb_build_array(nullif(split_part(tok, ''='', 1), ''''),'
         || ' CASE WHEN tok <> '''' THEN substr(tok, strpos(tok, ''='') + 1) END, n)), ''[]'')'
         || ' FROM (SELECT tok, sum(s.n) AS n FROM (SELECT ' || v_one_of || '(s.filter_tokens) AS filter_tokens, count(*) AS n FROM '
         || CASE WHEN v_shared THEN 'base s' ELSE 'profile_search s WHERE ' || v_where END
         || ' GROUP BY s.filter_set) s, unnest(s.filter_tokens || ''''::text) tok'
         || ' WHERE (tok = '''' OR split_part(tok, ''='', 1) = ANY ($12)) AND ' || v_case || ' GROUP BY tok) c)';
     END IF;`;

const READ = SEARCH_COUNT_CAP + 1;

/*
 * The counts, read from at most SEARCH_COUNT_CAP + 1 matches each:
 *
 * - f: the search's matches before its filters (words and reach: the rows the facets are counted
 *   over), at most cap + 1 of them. When there are no more than the cap, they are all there is, and
 *   the total and every facet count are exact, computed from them as before.
 * - Otherwise, when the first page is not full, it holds every match and the total is its length
 *   (a few matches among many rows are found once, by the page, not again by a count); else the
 *   total is counted by its own scan of the matches with the filters, which stops at cap + 1 (the
 *   caller reports "at least the cap"). The facets then list the values found among
 *   the rows read, with no count (NULL): a count from part of the matches would be a number that is
 *   not what a facet count says. The caller tells its reader the counts were not made.
 *
 * With words, f and the total read the materialised text matches (base), which the ranking of the
 * page reads in full today: the counts add no read of their own. A ranking that reads only part of
 * the matches must give f and the total their own scan of profile_search (each still stopping at
 * cap + 1), or they would take part of the matches for all of them.
 *
 * Every row read passes the same reach conditions (v_where) as the page, so no count and no value
 * ever comes from a profile the searcher could not find. The shape of the result is the one the
 * release before this one reads (rows [key, value, n], the total as the row without a key).
 */
const CAPPED_COUNTS = `     IF v_counting THEN
       v_counts := '(WITH f AS (SELECT s.filter_set, s.filter_tokens FROM '
         || CASE WHEN v_shared THEN 'base s' ELSE 'profile_search s WHERE ' || v_where END
         || ' LIMIT ${READ}), g AS (SELECT ' || v_one_of || '(s.filter_tokens) AS filter_tokens, count(*) AS n FROM f s GROUP BY s.filter_set),'
         || ' r AS (SELECT count(*) <= ${SEARCH_COUNT_CAP} AS exact FROM f)'
         || ' SELECT jsonb_build_array(jsonb_build_array(NULL, NULL, CASE WHEN (SELECT exact FROM r)'
         || ' THEN (SELECT coalesce(sum(s.n), 0) FROM g s WHERE ' || v_all || ')'
         || CASE WHEN v_keyset = '' THEN ' WHEN (SELECT count(*) FROM page) < $10 THEN (SELECT count(*) FROM page)' ELSE '' END
         || ' ELSE (SELECT count(*) FROM (SELECT 1 FROM '
         || CASE WHEN v_shared THEN 'base s WHERE ' || v_all ELSE 'profile_search s WHERE ' || v_where || ' AND ' || v_all END
         || ' LIMIT ${READ}) t) END))'
         || ' || coalesce(jsonb_agg(jsonb_build_array(split_part(tok, ''='', 1), substr(tok, strpos(tok, ''='') + 1),'
         || ' CASE WHEN (SELECT exact FROM r) THEN n END)), ''[]'')'
         || ' FROM (SELECT tok, sum(s.n) AS n FROM g s, unnest(s.filter_tokens) tok'
         || ' WHERE split_part(tok, ''='', 1) = ANY ($12) AND ' || v_case || ' GROUP BY tok) c)';
     END IF;`;

/** The text as a replacement of the existing function (the same signature keeps owner and grants). */
function replacing(text: string): string {
  return text.includes('CREATE OR REPLACE FUNCTION app.search_profiles(')
    ? text
    : swapOnce(text, 'CREATE FUNCTION app.search_profiles(', 'CREATE OR REPLACE FUNCTION app.search_profiles(');
}

/**
 * Replaces the counting part of a search_profiles text with the capped one; nothing else changes,
 * so it composes with a change to another part (the page, the hits). It relies on the statement's
 * `base` and `page` CTEs and on $10 (the page size) as the text has them.
 */
export function withCappedCounts(text: string): string {
  return swapOnce(replacing(text), EXACT_COUNTS, CAPPED_COUNTS);
}

/** The previous text (the page's hits from app.profile_card), for the way down. */
export const SEARCH_PROFILES_EXACT_COUNTS = replacing(SEARCH_PROFILES_CARDS);
/** The newest text of search_profiles. */
export const SEARCH_PROFILES_CAPPED_COUNTS = withCappedCounts(SEARCH_PROFILES_CARDS);
export const SEARCH_PROFILES_CAPPED_COUNTS_SIGNATURE = SEARCH_PROFILES_PROJECTED_SIGNATURE;
