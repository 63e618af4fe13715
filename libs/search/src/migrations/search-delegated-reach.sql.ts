import { searchProfilesWithRestrictionRecheck } from './1732209600350-search-recheck-restriction.js';

const OLD_REACH_CALL = 'app.search_reach(p_audience, p_actor, p_employer_access, p_staff_scope)';
const NEW_REACH_CALL = 'app.search_reach(p_audience, p_actor, p_employer_access, p_staff_scope, p_now)';

/**
 * The staff reach of a search with delegated org-unit access: the searcher's own units and their
 * subtrees, plus the subtree of every unit that granted one of the searcher's units access for a
 * period running at p_now (the caller's clock, as for the listing period). Otherwise as the
 * four-argument search_reach of search-functions.sql.ts.
 */
export const SEARCH_REACH_DELEGATED = `CREATE FUNCTION app.search_reach(
     p_audience text, p_actor uuid, p_employer_access text, p_staff_scope text, p_now timestamptz,
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
             SELECT o.id FROM org_units o
              WHERE o.tenant_id = v_tenant
                AND (o.id = ANY (actor_units) OR o.id IN (
                      SELECT d.grantor_org_unit_id FROM org_unit_delegations d
                       WHERE d.tenant_id = v_tenant AND d.delegate_org_unit_id = ANY (actor_units)
                         AND d.valid_from <= p_now AND d.valid_until > p_now AND d.revoked_at IS NULL))
             UNION
             SELECT o.id FROM org_units o JOIN tree t ON o.parent_id = t.id WHERE o.tenant_id = v_tenant
           ) SELECT id FROM tree);
       END IF;
     ELSIF p_audience <> 'tenant-admin' THEN
       RAISE EXCEPTION 'unknown search audience %', p_audience USING ERRCODE = 'RS403';
     END IF;
   END $$`;

// Built on the function as SearchRecheckRestriction1732209600350 left it, so its re-check of the
// restriction of processing stays.
const searchProfiles = (() => {
  const fn = searchProfilesWithRestrictionRecheck();
  if (!fn.includes(OLD_REACH_CALL)) throw new Error('search_profiles no longer calls the four-argument search_reach');
  return fn;
})();

/** search_profiles as before, calling the delegated reach (same signature, so its grants and owner stay). */
export const SEARCH_PROFILES_DELEGATED = searchProfiles.replace(OLD_REACH_CALL, NEW_REACH_CALL);
/** search_profiles as SearchRecheckRestriction1732209600350 left it, for the way down. */
export const SEARCH_PROFILES_OWN_REACH = searchProfiles;
export const SEARCH_REACH_DELEGATED_SIGNATURE = 'app.search_reach(text, uuid, text, text, timestamptz)';
