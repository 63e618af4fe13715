import type { Audience, TenantDefinition } from '../../plugin-api/src/index.js';
import { audienceFieldKeys, consentBoundFields, identifyingFieldKeys } from './profile-projection.js';
import { LISTED_STATES } from './profile-state.js';

/**
 * The one place where the reach rules of `candidate-listing.ts` and the field rules of
 * `profile-projection.ts` become SQL. Every SQL reader outside libs/profiles that decides "listed to
 * outsiders" calls the functions below (created by ProfileReachFunctions1732209860000), and every
 * SQL that hands a profile's fields to an audience filters them with `projectedFieldsSql`, so the
 * database never returns what the TypeScript projection would drop.
 */

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const LISTED_ARRAY = `ARRAY[${LISTED_STATES.map(sqlText).join(', ')}]::text[]`;

/**
 * Where the rules disagreed, the one that protects the jobseeker won: with a listing period, a
 * profile without an end date is not listed (the talent pool used to count it as listed).
 */
// No SET clause: PostgreSQL inlines only SQL functions without one, and the search applies these
// to every candidate row of a scan; their bodies use built-in operators only.
export const REACH_SQL_FUNCTIONS: readonly string[] = [
  `CREATE FUNCTION app.profile_listed_state(p_state text) RETURNS boolean
   LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT p_state = ANY (${LISTED_ARRAY})
   $$`,
  `CREATE FUNCTION app.profile_listed_to_outsiders(
     p_state text, p_visible_to_employers boolean, p_processing_restricted_at timestamptz,
     p_listed_until timestamptz, p_listing_limited boolean, p_now timestamptz) RETURNS boolean
   LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT p_state = ANY (${LISTED_ARRAY}) AND p_visible_to_employers IS TRUE
        AND p_processing_restricted_at IS NULL
        AND (NOT p_listing_limited OR p_listed_until > p_now) IS TRUE
   $$`,
];

export const REACH_SQL_FUNCTION_SIGNATURES = [
  'app.profile_listed_state(text)',
  'app.profile_listed_to_outsiders(text, boolean, timestamptz, timestamptz, boolean, timestamptz)',
];

/** SQL condition: the profile row `alias` is listed to employers, partners and the public. */
export function listedToOutsidersSql(alias: string, listingLimited: string, now: string): string {
  return `app.profile_listed_to_outsiders(${alias}.state, ${alias}.visible_to_employers, ${alias}.processing_restricted_at, ${alias}.listed_until, ${listingLimited}, ${now})`;
}

/** SQL condition: the profile row `alias` is in a listed state (staff readers, retention's anchor). */
export const listedStateSql = (alias: string) => `app.profile_listed_state(${alias}.state)`;

/**
 * What an audience may receive of a profile's fields, as a search function takes it (one jsonb
 * parameter): the keys for the audience, the keys for an employer connected with the person, the
 * keys an anonymous profile withholds, and the consent each consent-bound key waits for.
 */
export interface FieldProjectionSql {
  readonly keys: string[];
  readonly connectedKeys: string[];
  readonly identifying: string[];
  readonly consents: Record<string, string>;
}

export function fieldProjection(
  definition: Pick<TenantDefinition, 'profile' | 'visibility'>,
  audience: Audience,
): FieldProjectionSql {
  return {
    keys: audienceFieldKeys(definition, audience),
    connectedKeys: audienceFieldKeys(definition, audience === 'employer' ? 'employer-connected' : audience),
    identifying: identifyingFieldKeys(definition, audience),
    consents: consentBoundFields(definition, audience),
  };
}

/** A projection that lets no field through: for callers that do not say who reads. */
export const NO_FIELDS: FieldProjectionSql = { keys: [], connectedKeys: [], identifying: [], consents: {} };

/**
 * SQL expression: the fields of profile row `p` that the projection lets through, as jsonb.
 * `projection` is the jsonb parameter (fieldProjection), `connected` a boolean expression (the
 * reader is an employer connected with the person), `tenant` the tenant parameter.
 */
export function projectedFieldsSql(p: string, projection: string, connected: string, tenant: string): string {
  // The allowed keys are picked once per profile (the connection check is a lookup), not per field.
  return `(SELECT coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb)
     FROM (SELECT ${projection} -> CASE WHEN ${connected} THEN 'connectedKeys' ELSE 'keys' END AS allowed) k,
          jsonb_each(${p}.fields) f
     WHERE k.allowed ? f.key
       AND NOT (${p}.state = 'anonymous' AND ${projection} -> 'identifying' ? f.key)
       AND (NOT (${projection} -> 'consents' ? f.key) OR EXISTS (
             SELECT 1 FROM consent_state c WHERE c.tenant_id = ${tenant} AND c.person_id = ${p}.id
                AND c.purpose = ${projection} -> 'consents' ->> f.key AND c.granted)))`;
}

/*
 * Scalar questions other capabilities' SQL asks about one person's profile, so only libs/profiles
 * names its table. `tenant` and `person` are SQL expressions (usually parameters or columns).
 */

/** SQL condition: the person's profile sits in one of `units` (a uuid[] expression); a NULL array means no limit. */
export const profileInUnitsSql = (tenant: string, person: string, units: string) =>
  `(${units}::uuid[] IS NULL OR EXISTS (SELECT 1 FROM profiles p WHERE p.tenant_id = ${tenant} AND p.id = ${person} AND p.org_unit_id = ANY(${units}::uuid[])))`;

/** SQL expression: the org unit the person's profile belongs to (NULL without one). */
export const profileOrgUnitSql = (tenant: string, person: string) =>
  `(SELECT p.org_unit_id FROM profiles p WHERE p.tenant_id = ${tenant} AND p.id = ${person})`;

/**
 * SQL condition: the person's processing is restricted (an objection or restriction, art. 21 / 18):
 * a holder is in force. Asked of the holders, not of the profile, so a person without a profile
 * (an employer contact who objected) is restricted too.
 */
export const processingRestrictedSql = (tenant: string, person: string) =>
  `EXISTS (SELECT 1 FROM processing_restriction_holders h WHERE h.tenant_id = ${tenant} AND h.person_id = ${person} AND h.lifted_at IS NULL)`;

/** SQL expression: the profile's current public handle (NULL when there is no profile). */
export const profileHandleSql = (tenant: string, person: string) =>
  `(SELECT p.public_handle FROM profiles p WHERE p.tenant_id = ${tenant} AND p.id = ${person})`;

/** SQL expression: the profile's alias (NULL when there is no profile). */
export const profileAliasSql = (tenant: string, person: string) =>
  `(SELECT p.alias FROM profiles p WHERE p.tenant_id = ${tenant} AND p.id = ${person})`;

/** SQL relation (id, tenant_id, activated_at): the tenant's activated profiles in a listed state. */
export const listedActivationsSql = (tenant: string) =>
  `(SELECT p.tenant_id, p.id, p.activated_at FROM profiles p
     WHERE p.tenant_id = ${tenant} AND ${listedStateSql('p')} AND p.activated_at IS NOT NULL)`;

/** SQL condition inside app.profile_card: the reader's units hold an accepted connection with the person. */
const CONNECTED_TO_UNITS =
  "EXISTS (SELECT 1 FROM connections k WHERE k.tenant_id = p_tenant AND k.person_id = p.id AND k.status = 'accepted' AND k.employer_org_unit_id = ANY (p_units))";

/**
 * A profile as a search page shows it: state, alias, public handle and the fields the projection
 * lets through, and no row at all unless the profile is still listed for the audience (outsiders:
 * the listing rule; staff: a listed state). The search function calls it once per row of its page,
 * so the search index never decides on its own what is shown and search never names the profiles
 * table. `p_units` are the reader's org units, for the fields of a connected employer.
 *
 * A single SELECT in LANGUAGE sql, neither SECURITY DEFINER nor with a SET clause: PostgreSQL then
 * inlines it into the caller's statement, so the page join stays a primary-key lookup per row and
 * runs with the caller's rights (the search function's owner). The names in the body resolve on
 * the caller's search_path, which is why only that owner may call it.
 */
export const PROFILE_CARD_FUNCTION = `CREATE FUNCTION app.profile_card(
     p_tenant uuid, p_id uuid, p_outside boolean, p_listing_limited boolean, p_now timestamptz,
     p_projection jsonb, p_units uuid[])
   RETURNS TABLE (state text, alias text, public_handle text, fields jsonb)
   LANGUAGE sql STABLE PARALLEL SAFE AS $$
     SELECT p.state, p.alias, p.public_handle,
            ${projectedFieldsSql('p', 'p_projection', CONNECTED_TO_UNITS, 'p_tenant')}
       FROM profiles p
      WHERE p.tenant_id = p_tenant AND p.id = p_id
        AND CASE WHEN p_outside THEN ${listedToOutsidersSql('p', 'p_listing_limited', 'p_now')} ELSE ${listedStateSql('p')} END
   $$`;

export const PROFILE_CARD_SIGNATURE = 'app.profile_card(uuid, uuid, boolean, boolean, timestamptz, jsonb, uuid[])';

/**
 * SQL relation (state, alias, public_handle, fields) for a lateral join: the card of profile
 * `person`, empty when it is not listed for the audience. Every argument is an SQL expression.
 */
export const profileCardSql = (
  tenant: string,
  person: string,
  outside: string,
  listingLimited: string,
  now: string,
  projection: string,
  units: string,
) => `app.profile_card(${tenant}, ${person}, ${outside}, ${listingLimited}, ${now}, ${projection}, ${units})`;
