import { searchWhereRoutableOnCitus } from './1732209870002-search-routable-on-citus.js';
import { SEARCH_PROFILES_BOUNDED_RANKING } from './search-bounded-ranking.sql.js';
import { swapOnce } from './swap-once.js';

const CONSENT_PROBE = `' AND EXISTS (SELECT 1 FROM consent_state c WHERE c.tenant_id = $1 AND c.person_id = s.profile_id'
                 || ' AND c.purpose = $3 AND c.granted)'`;

/**
 * The findability rules with a required consent read from the index row (`consented`, the
 * purposes granted, written by SearchIndexService in the same unit of work as every consent
 * change) instead of a probe of consent_state per row: at a million profiles the talent pool's
 * capped counts probed 1,200-1,300 consents per count, 4 buffers each, more than the rows read.
 */
export const SEARCH_WHERE_INLINE_CONSENT = swapOnce(searchWhereRoutableOnCitus(), CONSENT_PROBE, `' AND $3 = ANY (s.consented)'`);
/** The text it replaces, for the way down. */
export const SEARCH_WHERE_BEFORE_INLINE_CONSENT = searchWhereRoutableOnCitus();

// The consent is no longer probed per row (SEARCH_WHERE_INLINE_CONSENT), so the probe's planner fence goes.
const SHARED_FROM = `     -- A consent the search requires is checked per match, not joined: the planner hashed every
     -- match of the words to join them with the consents (measured: 6,930 of a talent pool's
     -- pages read for a window of 1,001), so the window's LIMIT stopped nothing; the capped
     -- counts hashed all 80,000 consents of the pool to count 1,001 rows. OFFSET 0 keeps the
     -- EXISTS a per-row index probe, and every scan with a LIMIT stops at its last row.
     v_where := replace(v_where, ' AND c.granted)', ' AND c.granted OFFSET 0)');`;
const SHARED_TO = `     -- A newest-first word search reads its page and its counts apart, each stopping at what it
     -- needs (the page, cap + 1): it used to read every match once for both, which for a common
     -- word in a large tenant is one heap page per match (6,585 for 5,628 at a million).
     v_shared := v_shared AND v_bounded;`;

/*
 * The page of a search that is not ranked: with the plain tenant equality the planner may walk the
 * newest-first index and stop at the page (measured: 718 buffers instead of 6,585 for a common word
 * in a tenant of 200,000). Its match query leaves the tenant lexeme out ($16): with both, the
 * planner counted the tenant twice, guessed 50 matches where there were 2,601, and sorted them all
 * after ANDing a whole-tenant bitmap. The counts keep the GIN-led form with the tenant lexeme: there
 * a whole-tenant bitmap ANDed onto the GIN scan cost 25 ms of a 37 ms count.
 */
const PAGE_BASE_FROM = `|| ' AS rank FROM profile_search s WHERE ' || v_where || ' AND ' || v_all || ')'`;
const PAGE_BASE_TO = `|| ' AS rank FROM profile_search s WHERE '
         || replace(replace(v_where, '(s.tenant_id = $1) IS TRUE', 's.tenant_id = $1'), '$5', '$16')
         || ' AND ' || v_all || ')'`;

const PARAMS_FROM = `             CASE WHEN v_text IS NULL THEN NULL ELSE app.search_match(v_tenant, v_text, '{}'::jsonb) END;`;
const PARAMS_TO = `             CASE WHEN v_text IS NULL THEN NULL ELSE app.search_match(v_tenant, v_text, '{}'::jsonb) END,
             CASE WHEN v_text IS NULL OR app.search_filter_query(p_filters) IS NULL THEN v_text
                  ELSE v_text && app.search_filter_query(p_filters) END;`;

// The matches the facets are counted over are the words' without the filters ($15), as for a bounded search.
const FACETS_FROM = `         || CASE WHEN v_shared THEN 'base s' ELSE 'profile_search s WHERE ' || v_where END
         || ' LIMIT 1001), g AS`;
const FACETS_TO = `         || CASE WHEN v_shared THEN 'base s' ELSE 'profile_search s WHERE ' || replace(v_where, '$5', '$15') END
         || ' LIMIT 1001), g AS`;

// The page's people are checked against consent_state itself, as their profile rows are checked:
// an index row that were ever behind a withdrawal still could not put its person on a page.
const CARD_FROM = `|| ' p ON true'`;
const CARD_TO = `|| ' p ON true'
       || CASE WHEN v_outside AND p_requires_consent IS NOT NULL THEN
            ' WHERE EXISTS (SELECT 1 FROM consent_state c WHERE c.tenant_id = $1 AND c.person_id = s.profile_id'
            || ' AND c.purpose = $3 AND c.granted)'
          ELSE '' END`;

/** search_profiles reading the required consent from the index row, and newest-first word searches bounded. */
export function withInlineConsent(text: string): string {
  return [
    (t: string) => swapOnce(t, SHARED_FROM, SHARED_TO),
    (t: string) => swapOnce(t, PAGE_BASE_FROM, PAGE_BASE_TO),
    (t: string) => swapOnce(t, FACETS_FROM, FACETS_TO),
    (t: string) => swapOnce(t, CARD_FROM, CARD_TO),
    (t: string) => swapOnce(t, PARAMS_FROM, PARAMS_TO),
  ].reduce((t, step) => step(t), text);
}

/** The newest text of search_profiles. */
export const SEARCH_PROFILES_INLINE_CONSENT = withInlineConsent(SEARCH_PROFILES_BOUNDED_RANKING);
