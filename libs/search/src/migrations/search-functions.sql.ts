import { APP_GROUP_ROLE } from '../../../database/src/index.js';

/**
 * The search functions, reviewed as one unit. The entry point, search_profiles, is SECURITY
 * DEFINER and runs as the migration role so PostgreSQL may use the indexes; see the
 * migration for why. Every statement they run is assembled from constants in this file; values
 * from the caller only ever travel as bound parameters or through format('%L').
 *
 * Fixed placeholders of the generated statement: $1 tenant (from app.current_tenant_id(), never
 * from the caller), $2 now, $3 consent purpose, $4 staff scope units, $5 full-text match query,
 * $6 the words alone (for ranking), $7-$9 the cursor (rank, recency, id), $10 page size, $11 the
 * searcher's org units (connections), $12 the filter keys to count.
 */
export const SEARCH_FUNCTIONS: readonly string[] = [
  `CREATE FUNCTION app.search_tenant_lexeme(tenant uuid) RETURNS text
   LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
     SELECT 't' || replace(tenant::text, '-', '')
   $$`,

  // Hashed so a filter value can never be mistaken for tsquery syntax or for a word of the text.
  `CREATE FUNCTION app.search_filter_lexeme(token text) RETURNS text
   LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
     SELECT 'f' || md5(token)
   $$`,

  // The words as Dutch and as English: each language's stemmer only knows its own word forms.
  `CREATE FUNCTION app.search_text_query(q text) RETURNS tsquery
   LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
     SELECT websearch_to_tsquery('dutch', q) || websearch_to_tsquery('english', q)
   $$`,

  // {"city": ["utrecht", "delft"], "educationLevel": ["hbo"]}: OR within a key, AND across keys.
  `CREATE FUNCTION app.search_filter_query(filters jsonb) RETURNS tsquery
   LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, app AS $$
     SELECT string_agg(
              '(' || (SELECT string_agg(app.search_filter_lexeme(f.key || '=' || v), ' | ')
                        FROM jsonb_array_elements_text(f.value) v) || ')', ' & ')::tsquery
       FROM jsonb_each(filters) f
      WHERE jsonb_typeof(f.value) = 'array' AND jsonb_array_length(f.value) > 0
   $$`,

  // Text, filters and tenant in one GIN query: the tenant lexeme keeps the scan inside the tenant.
  `CREATE FUNCTION app.search_match(tenant uuid, text_query tsquery, filters jsonb) RETURNS tsquery
   LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, app AS $$
     SELECT CASE WHEN app.search_filter_query(filters) IS NULL THEN text_query
                 ELSE text_query && app.search_filter_query(filters) END
            && app.search_tenant_lexeme(tenant)::tsquery
   $$`,

  // Who is searching and what they reach, from the database rather than the token: a role or
  // org-unit change takes effect at once. Raises when the actor may not search at all.
  `CREATE FUNCTION app.search_reach(
     p_audience text, p_actor uuid, p_employer_access text, p_staff_scope text,
     OUT actor_units uuid[], OUT scope_units uuid[])
   LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
   DECLARE
     v_tenant uuid := app.current_tenant_id();
     v_roles text[];
   BEGIN
     SELECT a.roles INTO v_roles FROM accounts a
      WHERE a.tenant_id = v_tenant AND a.id = p_actor AND a.status = 'active';
     IF v_roles IS NULL OR NOT (p_audience = ANY (v_roles)) THEN
       RAISE EXCEPTION 'this account may not search the candidate bank as %', p_audience USING ERRCODE = 'RS403';
     END IF;
     actor_units := ARRAY(SELECT u.org_unit_id FROM account_org_units u
                           WHERE u.tenant_id = v_tenant AND u.account_id = p_actor);
     IF p_audience IN ('employer', 'partner') THEN
       IF p_employer_access <> 'all-employers' AND NOT EXISTS (
            SELECT 1 FROM org_units o
             WHERE o.tenant_id = v_tenant AND o.id = ANY (actor_units) AND o.candidate_bank_access) THEN
         RAISE EXCEPTION 'no organisation of this account has access to the candidate bank' USING ERRCODE = 'RS403';
       END IF;
     ELSIF p_audience = 'staff' THEN
       IF p_staff_scope = 'own-org-units' THEN
         scope_units := ARRAY(
           WITH RECURSIVE tree AS (
             SELECT o.id FROM org_units o WHERE o.tenant_id = v_tenant AND o.id = ANY (actor_units)
             UNION
             SELECT o.id FROM org_units o JOIN tree t ON o.parent_id = t.id WHERE o.tenant_id = v_tenant
           ) SELECT id FROM tree);
       END IF;
     ELSIF p_audience <> 'tenant-admin' THEN
       RAISE EXCEPTION 'unknown search audience %', p_audience USING ERRCODE = 'RS403';
     END IF;
   END $$`,

  // The findability rules as one WHERE fragment on profile_search s. With a listing period, a
  // profile without an end date is not listed (it was never activated). With words, the tenant
  // equality is written so the planner does not AND a whole-tenant btree bitmap onto the GIN scan
  // the tenant lexeme already confines (it costs more than it saves).
  `CREATE FUNCTION app.search_where(
     p_audience text, p_requires_consent text, p_listing_limited boolean, p_scoped boolean, p_text boolean)
   RETURNS text
   LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
     SELECT CASE WHEN p_text THEN '(s.tenant_id = $1) IS TRUE AND s.document @@ $5' ELSE 's.tenant_id = $1' END
       || ' AND s.state IN (''active'', ''anonymous'')'
       || CASE WHEN p_audience IN ('employer', 'partner') THEN
            ' AND s.visible_to_employers'
            || CASE WHEN p_listing_limited THEN ' AND s.listed_until > $2' ELSE '' END
            || CASE WHEN p_requires_consent IS NOT NULL THEN
                 ' AND EXISTS (SELECT 1 FROM consent_state c WHERE c.tenant_id = $1 AND c.person_id = s.profile_id'
                 || ' AND c.purpose = $3 AND c.granted)'
               ELSE '' END
          ELSE '' END
       || CASE WHEN p_scoped THEN ' AND s.org_unit_id = ANY ($4)' ELSE '' END
   $$`,

  // One condition per filtered key on s.filter_tokens (the values overlap the selected ones), the
  // values quoted with %L. {"city": ["utrecht", "delft"]}: OR within a key, AND across keys.
  `CREATE FUNCTION app.search_filter_conditions(p_filters jsonb, OUT keys text[], OUT conditions text[])
   LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
     SELECT coalesce(array_agg(f.key ORDER BY f.key), '{}'),
            coalesce(array_agg(format('s.filter_tokens && ARRAY[%s]::text[]',
                       (SELECT string_agg(format('%L', f.key || '=' || v), ', ') FROM jsonb_array_elements_text(f.value) v))
                     ORDER BY f.key), '{}')
       FROM jsonb_each(coalesce(p_filters, '{}')) f
      WHERE jsonb_typeof(f.value) = 'array' AND jsonb_array_length(f.value) > 0
   $$`,

  // One call per page: the hits (profile rows for the page only) and, when p_count_keys is given,
  // the counts: the total and, per filter value, how many profiles have it. A value of a key is
  // counted with every other key's filter applied but not its own, so a user sees what adding a
  // second value would give. With words, the matches are read once for both the page and the
  // counts; without, the page walks the newest-first index and the counts read only that index.
  // Counting groups rows by their whole set of filter values first (a few thousand combinations
  // however many profiles), then splits each set. A group's rows share one set, so any row's will
  // do: any_value() where the server has it (PostgreSQL 16+), else min(), which gives the same set
  // but compares arrays on every row (measured: the counting step takes about twice as long).
  `CREATE FUNCTION app.search_profiles(
     p_audience text, p_actor uuid, p_employer_access text, p_requires_consent text, p_listing_limited boolean,
     p_staff_scope text, p_now timestamptz, p_q text, p_filters jsonb, p_sort text,
     p_after_rank real, p_after_recency timestamptz, p_after_id uuid, p_limit integer, p_count_keys text[])
   RETURNS jsonb
   LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
   DECLARE
     v_tenant uuid := app.current_tenant_id();
     v_reach record;
     v_filter record;
     v_text tsquery;
     v_counting boolean := p_count_keys IS NOT NULL;
     v_shared boolean;
     v_where text;
     v_all text;
     v_case text := 'true';
     v_rank text := '0::real';
     v_order text := 's.recency DESC, s.profile_id DESC';
     v_keyset text := '';
     v_base text;
     v_counts text := 'NULL::jsonb';
     v_outside boolean := p_audience IN ('employer', 'partner');
     v_one_of text := CASE WHEN to_regprocedure('pg_catalog.any_value(anyelement)') IS NULL THEN 'min' ELSE 'any_value' END;
     v_result jsonb;
   BEGIN
     IF v_tenant IS NULL THEN RETURN NULL; END IF;
     v_reach := app.search_reach(p_audience, p_actor, p_employer_access, p_staff_scope);
     IF p_q IS NOT NULL THEN
       v_text := app.search_text_query(p_q);
       IF numnode(v_text) = 0 THEN
         RETURN jsonb_build_object('hits', '[]'::jsonb,
                                   'counts', CASE WHEN v_counting THEN '[[null, null, 0]]'::jsonb END);
       END IF;
     END IF;
     v_filter := app.search_filter_conditions(p_filters);
     v_all := coalesce(nullif(array_to_string(v_filter.conditions, ' AND '), ''), 'true');
     IF cardinality(v_filter.keys) > 0 THEN
       v_case := 'CASE split_part(tok, ''='', 1)';
       FOR i IN 1 .. cardinality(v_filter.keys) LOOP
         v_case := v_case || format(' WHEN %L THEN %s', v_filter.keys[i],
           coalesce(nullif(array_to_string(v_filter.conditions[:i - 1] || v_filter.conditions[i + 1:], ' AND '), ''), 'true'));
       END LOOP;
       v_case := v_case || ' ELSE ' || v_all || ' END';
     END IF;
     IF p_sort = 'relevance' AND v_text IS NOT NULL THEN
       v_rank := 'ts_rank(s.document, $6)';
       v_order := 's.rank DESC, s.profile_id DESC';
       IF p_after_id IS NOT NULL THEN v_keyset := ' AND (s.rank, s.profile_id) < ($7, $9)'; END IF;
     ELSIF p_after_id IS NOT NULL THEN
       v_keyset := ' AND (s.recency, s.profile_id) < ($8, $9)';
     END IF;
     v_where := app.search_where(p_audience, p_requires_consent, p_listing_limited,
                                 v_reach.scope_units IS NOT NULL, v_text IS NOT NULL);
     -- With words and counts, the text matches (without the filters) are read once for both.
     v_shared := v_text IS NOT NULL AND v_counting;
     v_base := CASE WHEN v_shared THEN
         'base AS MATERIALIZED (SELECT s.profile_id, s.recency, s.filter_set, s.filter_tokens, CASE WHEN ' || v_all
         || ' THEN ' || v_rank || ' END AS rank FROM profile_search s WHERE ' || v_where || ')'
       ELSE
         'base AS (SELECT s.profile_id, s.recency, s.filter_tokens, ' || v_rank
         || ' AS rank FROM profile_search s WHERE ' || v_where || ' AND ' || v_all || ')'
       END;
     IF v_counting THEN
       v_counts := '(SELECT coalesce(jsonb_agg(jsonb_build_array(nullif(split_part(tok, ''='', 1), ''''),'
         || ' CASE WHEN tok <> '''' THEN substr(tok, strpos(tok, ''='') + 1) END, n)), ''[]'')'
         || ' FROM (SELECT tok, sum(s.n) AS n FROM (SELECT ' || v_one_of || '(s.filter_tokens) AS filter_tokens, count(*) AS n FROM '
         || CASE WHEN v_shared THEN 'base s' ELSE 'profile_search s WHERE ' || v_where END
         || ' GROUP BY s.filter_set) s, unnest(s.filter_tokens || ''''::text) tok'
         || ' WHERE (tok = '''' OR split_part(tok, ''='', 1) = ANY ($12)) AND ' || v_case || ' GROUP BY tok) c)';
     END IF;
     EXECUTE
       'WITH ' || v_base || ', page AS (SELECT s.profile_id, s.recency, s.rank FROM base s WHERE '
       || CASE WHEN v_shared THEN v_all ELSE 'true' END || v_keyset
       || ' ORDER BY ' || v_order || ' LIMIT $10)'
       || ' SELECT jsonb_build_object(''counts'', ' || v_counts || ', ''hits'', (SELECT coalesce(jsonb_agg(jsonb_build_object('
       || '''profile_id'', s.profile_id, ''rank'', s.rank::text, ''recency'', s.recency::text, ''state'', p.state,'
       || ' ''alias'', p.alias, ''fields'', p.fields,'
       || ' ''granted_consents'', ARRAY(SELECT c.purpose FROM consent_state c WHERE c.tenant_id = $1 AND c.person_id = s.profile_id AND c.granted),'
       || ' ''connected'', EXISTS (SELECT 1 FROM connections k WHERE k.tenant_id = $1 AND k.person_id = s.profile_id'
       || ' AND k.status = ''accepted'' AND k.employer_org_unit_id = ANY ($11))'
       || ') ORDER BY ' || v_order || '), ''[]'') FROM page s'
       -- The page's profile rows are checked again, so a stale index row can never show a hidden profile.
       || ' JOIN profiles p ON p.tenant_id = $1 AND p.id = s.profile_id AND p.state IN (''active'', ''anonymous'')'
       || CASE WHEN v_outside THEN ' AND p.visible_to_employers' ELSE '' END
       || CASE WHEN v_outside AND p_listing_limited THEN ' AND p.listed_until > $2' ELSE '' END
       || '))'
       INTO v_result
       USING v_tenant, p_now, p_requires_consent, v_reach.scope_units,
             CASE WHEN v_text IS NULL THEN NULL
                  ELSE app.search_match(v_tenant, v_text, CASE WHEN v_shared THEN '{}'::jsonb ELSE p_filters END) END,
             v_text, p_after_rank, p_after_recency, p_after_id, least(greatest(p_limit, 1), 51),
             v_reach.actor_units, p_count_keys;
     RETURN v_result;
   END $$`,
];

/** Callable only from inside the definer functions. */
export const SEARCH_INTERNAL_FUNCTIONS = [
  'app.search_reach(text, uuid, text, text)',
  'app.search_where(text, text, boolean, boolean, boolean)',
  'app.search_filter_conditions(jsonb)',
];

/** What the runtime role may call: pure helpers and the entry point. */
export const SEARCH_CALLABLE_FUNCTIONS = [
  'app.search_tenant_lexeme(uuid)',
  'app.search_filter_lexeme(text)',
  'app.search_text_query(text)',
  'app.search_filter_query(jsonb)',
  'app.search_match(uuid, tsquery, jsonb)',
  'app.search_profiles(text, uuid, text, text, boolean, text, timestamptz, text, jsonb, text, real, timestamptz, uuid, integer, text[])',
];

/** Functions are executable by PUBLIC by default: everything is revoked, then granted by name. */
export const SEARCH_FUNCTION_GRANTS: readonly string[] = [
  ...[...SEARCH_INTERNAL_FUNCTIONS, ...SEARCH_CALLABLE_FUNCTIONS].map((fn) => `REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`),
  ...SEARCH_CALLABLE_FUNCTIONS.map((fn) => `GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_GROUP_ROLE}`),
];

export const SEARCH_FUNCTION_DROPS: readonly string[] = [...SEARCH_CALLABLE_FUNCTIONS]
  .reverse()
  .concat([...SEARCH_INTERNAL_FUNCTIONS].reverse())
  .map((fn) => `DROP FUNCTION ${fn}`);
