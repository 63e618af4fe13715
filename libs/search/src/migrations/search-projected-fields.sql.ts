import {
  listedStateSql,
  listedToOutsidersSql,
  NO_FIELDS,
  projectedFieldsSql,
} from '../../../profiles/src/reach-sql.js';
import { SEARCH_FUNCTIONS } from './search-functions.sql.js';
import { SEARCH_PROFILES_DELEGATED } from './search-delegated-reach.sql.js';

/** Quoted for use inside the PL/pgSQL string the function assembles its statement from. */
export const inLiteral = (sql: string) => `'${sql.replace(/'/g, "''")}'`;

/** Replaces exactly one known piece of the newest function text, or refuses to build. */
export function swap(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`search_profiles no longer holds exactly one ${from.slice(0, 60)}`);
  return text.replace(from, () => to);
}

const OLD_SIGNATURE_TAIL = 'p_limit integer, p_count_keys text[])';
const CONNECTED =
  "EXISTS (SELECT 1 FROM connections k WHERE k.tenant_id = $1 AND k.person_id = s.profile_id AND k.status = 'accepted' AND k.employer_org_unit_id = ANY ($11))";

// The pieces of the hits this migration wrote, named so a later migration can replace them.
/** The hit's fields, projected from the joined profile row. */
export const PROJECTED_HIT_FIELDS = `' ''alias'', p.alias, ''handle'', p.public_handle, ''fields'', ' || ${inLiteral(projectedFieldsSql('p', '$13', CONNECTED, '$1'))} || ','`;
/** The join of the page with its profile rows, re-checked through the reach functions. */
export const PROJECTED_PAGE_JOIN = `' JOIN profiles p ON p.tenant_id = $1 AND p.id = s.profile_id AND '
       || CASE WHEN v_outside THEN ${inLiteral(listedToOutsidersSql('p', '$14', '$2'))} ELSE ${inLiteral(listedStateSql('p'))} END`;

/**
 * search_profiles as SearchDelegatedReach1732209700100 left it (every re-check kept), with one
 * parameter more: the fields the audience may receive (fieldProjection in libs/profiles), $13 of
 * the statement. The hits carry only those fields, and the public handle (the service read it in a
 * second statement of its own). The re-check of the page's profile rows asks
 * the reach functions of libs/profiles instead of its own copy of the rule ($14: listing limited).
 */
export const SEARCH_PROFILES_PROJECTED = [
  (t: string) => swap(t, 'CREATE OR REPLACE FUNCTION app.search_profiles(', 'CREATE FUNCTION app.search_profiles('),
  (t: string) => swap(t, OLD_SIGNATURE_TAIL, 'p_limit integer, p_count_keys text[], p_fields jsonb)'),
  (t: string) => swap(t, `' ''alias'', p.alias, ''fields'', p.fields,'`, PROJECTED_HIT_FIELDS),
  (t: string) =>
    swap(
      t,
      `' JOIN profiles p ON p.tenant_id = $1 AND p.id = s.profile_id AND p.state IN (''active'', ''anonymous'')'`,
      PROJECTED_PAGE_JOIN,
    ),
  (t: string) => swap(t, `|| CASE WHEN v_outside THEN ' AND p.visible_to_employers AND p.processing_restricted_at IS NULL' ELSE '' END\n`, ''),
  (t: string) => swap(t, `|| CASE WHEN v_outside AND p_listing_limited THEN ' AND p.listed_until > $2' ELSE '' END\n`, ''),
  (t: string) => swap(t, 'v_reach.actor_units, p_count_keys;', 'v_reach.actor_units, p_count_keys, p_fields, p_listing_limited;'),
].reduce((text, step) => step(text), SEARCH_PROFILES_DELEGATED);

export const SEARCH_PROFILES_PROJECTED_SIGNATURE =
  'app.search_profiles(text, uuid, text, text, boolean, text, timestamptz, text, jsonb, text, real, timestamptz, uuid, integer, text[], jsonb)';
export const SEARCH_PROFILES_OLD_SIGNATURE =
  'app.search_profiles(text, uuid, text, text, boolean, text, timestamptz, text, jsonb, text, real, timestamptz, uuid, integer, text[])';

/**
 * The former entry point stays for the release still running during a deploy, but it no longer
 * returns any field: a caller that does not say which fields its audience may read gets none.
 */
export const SEARCH_PROFILES_WITHOUT_FIELDS = `CREATE OR REPLACE FUNCTION app.search_profiles(
     p_audience text, p_actor uuid, p_employer_access text, p_requires_consent text, p_listing_limited boolean,
     p_staff_scope text, p_now timestamptz, p_q text, p_filters jsonb, p_sort text,
     p_after_rank real, p_after_recency timestamptz, p_after_id uuid, p_limit integer, p_count_keys text[])
   RETURNS jsonb
   LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
     SELECT app.search_profiles(p_audience, p_actor, p_employer_access, p_requires_consent, p_listing_limited,
       p_staff_scope, p_now, p_q, p_filters, p_sort, p_after_rank, p_after_recency, p_after_id, p_limit, p_count_keys,
       ${inLiteral(JSON.stringify(NO_FIELDS))}::jsonb)
   $$`;

const ORIGINAL_WHERE = SEARCH_FUNCTIONS.find((f) => f.includes('FUNCTION app.search_where('))!;
const WHERE_STATES = `|| ' AND s.state IN (''active'', ''anonymous'')'`;

/** search_where as before, with the listed states asked of libs/profiles' reach function. */
export const SEARCH_WHERE_REACH = swap(
  ORIGINAL_WHERE.replace('CREATE FUNCTION app.search_where(', 'CREATE OR REPLACE FUNCTION app.search_where('),
  WHERE_STATES,
  `|| ' AND ' || ${inLiteral(listedStateSql('s'))}`,
);
export const SEARCH_WHERE_ORIGINAL = ORIGINAL_WHERE.replace('CREATE FUNCTION app.search_where(', 'CREATE OR REPLACE FUNCTION app.search_where(');
export const SEARCH_WHERE_SIGNATURE = 'app.search_where(text, text, boolean, boolean, boolean)';
