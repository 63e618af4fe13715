import type { Actor } from '../../../context/src/index.js';
import type { VisibilityRules } from '../../../plugin-api/src/index.js';

/** Why a reader may see an application: the `via` recorded with every audited read. */
export type ApplicationAudience = 'applicant' | 'contact' | 'manager' | 'staff';

/** What the audience query needs to know about the reader, as SQL parameters. */
export function audienceParams(actor: Actor, rules: VisibilityRules['applications']): unknown[] {
  return [
    actor.accountId,
    actor.roles.includes('staff') && rules.visibleTo.includes('staff'),
    actor.roles.includes('employer') && rules.visibleTo.includes('vacancy-contacts'),
    actor.roles.includes('employer') && rules.visibleTo.includes('employer-managers'),
  ];
}

/**
 * SQL expression giving the reader's role towards vacancy `v` for its applications, or NULL:
 * statement 001's "de in de vacature genoemde contactpersonen (recruiters) en/of de betreffende
 * manager(s)", plus the tenant's staff. Contacts and managers are checked against current
 * membership of the employer, not the token, so someone who left the organisation loses access at
 * once. `$n` is the index of the first of the four audienceParams; `$1` is the tenant id, named in
 * each subquery so that Citus routes the statement to one shard (docs/scaling.md).
 */
export function vacancyReaderSql(n: number): string {
  const [actor, staff, contacts, managers] = [n, n + 1, n + 2, n + 3].map((i) => `$${i}`);
  return `CASE
    WHEN ${staff}::boolean THEN 'staff'
    WHEN ${contacts}::boolean AND EXISTS (
      SELECT 1 FROM vacancy_contacts c
        JOIN account_org_units m ON m.tenant_id = c.tenant_id AND m.account_id = c.account_id AND m.org_unit_id = v.org_unit_id
       WHERE c.tenant_id = $1 AND c.vacancy_id = v.id AND c.account_id = ${actor}::uuid) THEN 'contact'
    WHEN ${managers}::boolean AND EXISTS (
      SELECT 1 FROM employer_managers em
       WHERE em.tenant_id = $1 AND em.org_unit_id = v.org_unit_id AND em.account_id = ${actor}::uuid) THEN 'manager'
  END`;
}

/**
 * The reader's audience for application `a` of vacancy `v`, or NULL when they may not see it. The
 * applicant always sees their own; a withdrawn application is the applicant's alone.
 */
export function audienceSql(n: number): string {
  return `CASE
    WHEN a.applicant_id = $${n}::uuid THEN 'applicant'
    WHEN a.status = 'withdrawn' THEN NULL
    ELSE ${vacancyReaderSql(n)}
  END`;
}
