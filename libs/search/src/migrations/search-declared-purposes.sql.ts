import { inLiteral } from './search-projected-fields.sql.js';
import { SEARCH_PROFILES_INLINE_CONSENT } from './search-inline-consent.sql.js';
import { SEARCH_REACH_DELEGATED } from './search-delegated-reach.sql.js';
import { swapOnce } from './swap-once.js';

const REACH_CALL = 'app.search_reach(p_audience, p_actor, p_employer_access, p_staff_scope, p_now)';

/**
 * The staff reach with delegated org-unit access, counting only grants made for a purpose the
 * tenant still declares (p_purposes): the audience resolver already read a profile that way
 * (OrgUnitDelegationsService.active), so a purpose the tenant dropped stopped the grant for
 * opening a profile but not for finding it.
 */
export const SEARCH_REACH_DECLARED = [
  (t: string) => swapOnce(t, 'p_now timestamptz,\n     OUT actor_units', 'p_now timestamptz, p_purposes text[],\n     OUT actor_units'),
  (t: string) =>
    swapOnce(t, 'AND d.valid_from <= p_now AND d.valid_until > p_now', 'AND d.purpose = ANY (p_purposes)\n                         AND d.valid_from <= p_now AND d.valid_until > p_now'),
].reduce((text, step) => step(text), SEARCH_REACH_DELEGATED);
export const SEARCH_REACH_DECLARED_SIGNATURE = 'app.search_reach(text, uuid, text, text, timestamptz, text[])';

/** search_profiles as before, with the purposes the tenant declares for delegated access ($17 of the statement). */
export const SEARCH_PROFILES_DECLARED = [
  (t: string) => swapOnce(t, 'CREATE OR REPLACE FUNCTION app.search_profiles(', 'CREATE FUNCTION app.search_profiles('),
  (t: string) => swapOnce(t, 'p_count_keys text[], p_fields jsonb)', 'p_count_keys text[], p_fields jsonb, p_delegated_purposes text[])'),
  (t: string) => swapOnce(t, REACH_CALL, 'app.search_reach(p_audience, p_actor, p_employer_access, p_staff_scope, p_now, p_delegated_purposes)'),
].reduce((text, step) => step(text), SEARCH_PROFILES_INLINE_CONSENT);
export const SEARCH_PROFILES_DECLARED_SIGNATURE =
  'app.search_profiles(text, uuid, text, text, boolean, text, timestamptz, text, jsonb, text, real, timestamptz, uuid, integer, text[], jsonb, text[])';

/**
 * The former entry point stays for the release still running during a deploy, but a caller that
 * does not say which purposes the tenant declares gets no delegated reach.
 */
export const SEARCH_PROFILES_WITHOUT_PURPOSES = `CREATE OR REPLACE FUNCTION app.search_profiles(
     p_audience text, p_actor uuid, p_employer_access text, p_requires_consent text, p_listing_limited boolean,
     p_staff_scope text, p_now timestamptz, p_q text, p_filters jsonb, p_sort text,
     p_after_rank real, p_after_recency timestamptz, p_after_id uuid, p_limit integer, p_count_keys text[], p_fields jsonb)
   RETURNS jsonb
   LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
     SELECT app.search_profiles(p_audience, p_actor, p_employer_access, p_requires_consent, p_listing_limited,
       p_staff_scope, p_now, p_q, p_filters, p_sort, p_after_rank, p_after_recency, p_after_id, p_limit, p_count_keys,
       p_fields, ${inLiteral('{}')}::text[])
   $$`;
