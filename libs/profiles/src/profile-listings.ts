import type { TenantTx } from '../../database/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { listedStateSql, listedToOutsidersSql } from './reach-sql.js';
import type { ProfileState } from './profile-state.js';

/**
 * What other capabilities may ask about a profile's listing, so they never read the profiles
 * table themselves: each answer goes through the reach functions of reach-sql.ts, the same rule
 * the profile route (`listedInCandidateBank`) and the search apply.
 */

export interface ListedProfile {
  readonly personId: string;
  readonly alias: string;
  readonly handle: string;
}

/**
 * The profile employers may find under this public handle, or null: also for a handle since
 * redrawn and for anything that is not a handle (an internal id included). Listed to outsiders
 * (state, the person's visibility choice, no restriction of processing, within the listing period
 * where the tenant limits it) and with the bank's consent granted where the tenant requires one.
 */
export async function listedToOutsidersByHandle(
  tx: TenantTx,
  definition: Pick<TenantDefinition, 'visibility'>,
  handle: string,
  now: Date,
): Promise<ListedProfile | null> {
  const bank = definition.visibility.candidateBank;
  const [row] = await tx.query<ListedProfile>(
    `SELECT p.id AS "personId", p.alias, p.public_handle AS handle FROM profiles p
      WHERE p.tenant_id = $1 AND p.public_handle = $2
        AND ${listedToOutsidersSql('p', '$5', '$3')}
        AND ($4::text IS NULL OR EXISTS (
              SELECT 1 FROM consent_state s
               WHERE s.tenant_id = $1 AND s.person_id = p.id AND s.purpose = $4 AND s.granted))`,
    [tx.tenantId, handle, now, bank.requiresConsent ?? null, Boolean(bank.listedFor)],
  );
  return row ?? null;
}

/** When the person's profile was last activated, if it is in a listed state now. */
export async function listingActivatedAt(tx: TenantTx, personId: string): Promise<Date | null> {
  const [row] = await tx.query<{ activated_at: Date | null }>(
    `SELECT p.activated_at FROM profiles p WHERE p.tenant_id = $1 AND p.id = $2 AND ${listedStateSql('p')}`,
    [tx.tenantId, personId],
  );
  return row?.activated_at ? new Date(row.activated_at) : null;
}

/** Of these people, those whose profile is in a listed state. */
export async function inListedState(tx: TenantTx, personIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>(
    `SELECT p.id FROM profiles p WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[]) AND ${listedStateSql('p')}`,
    [tx.tenantId, personIds],
  );
  return new Set(rows.map((r) => r.id));
}

/** Starts a listed profile's listing period again from `now` (the caller re-indexes it). */
export async function renewListing(tx: TenantTx, personId: string, now: Date, listedUntil: Date | null): Promise<void> {
  await tx.query(
    `UPDATE profiles p SET activated_at = $3, listed_until = $4, updated_at = $3
      WHERE p.tenant_id = $1 AND p.id = $2 AND ${listedStateSql('p')}`,
    [tx.tenantId, personId, now, listedUntil],
  );
}

/** What the search index is built from: one profile with the facts its listing depends on. */
export interface ProfileForIndex {
  id: string;
  state: ProfileState;
  fields: Record<string, unknown>;
  orgUnitId: string | null;
  visibleToEmployers: boolean;
  listedUntil: Date | null;
  processingRestricted: boolean;
  recency: Date;
  granted: string[];
}

/** These profiles as the search index needs them (the index projects them for its searchers). */
export function profilesForIndex(tx: TenantTx, profileIds: readonly string[]): Promise<ProfileForIndex[]> {
  return tx.query<ProfileForIndex>(
    `SELECT p.id, p.state, p.fields, p.org_unit_id AS "orgUnitId", p.visible_to_employers AS "visibleToEmployers",
            p.listed_until AS "listedUntil", p.updated_at AS recency,
            p.processing_restricted_at IS NOT NULL AS "processingRestricted",
            ARRAY(SELECT c.purpose FROM consent_state c
                   WHERE c.tenant_id = $1 AND c.person_id = p.id AND c.granted) AS granted
       FROM profiles p WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
    [tx.tenantId, profileIds],
  );
}

/** The next batch of the tenant's profile ids after `after`, in id order (for a full re-index). */
export async function profileIdsAfter(tx: TenantTx, after: string, limit: number): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT p.id FROM profiles p WHERE p.tenant_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3`,
    [tx.tenantId, after, limit],
  );
  return rows.map((r) => r.id);
}
