import { randomBytes, randomUUID } from 'node:crypto';
import type { TestApp } from '../../../../test/support/test-app.js';
import { AccountsService } from '../../../auth/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import type { ProfileState } from '../../../profiles/src/profile-state.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { SearchIndexService } from '../search-index.service.js';

export interface ProfileSeed {
  fields: Record<string, unknown>;
  state?: ProfileState;
  visibleToEmployers?: boolean;
  /** Default: a year after the test clock's start. */
  listedUntil?: Date | null;
  orgUnitId?: string | null;
  consents?: string[];
  updatedAt?: Date;
  alias?: string;
}

/**
 * A jobseeker account with its profile row, written the way the profiles capability writes one
 * (same unit of work as the index update), so search is tested on exactly what it will be given.
 */
export async function seedProfile(
  t: TestApp,
  tenant: TenantRef,
  seed: ProfileSeed,
): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const account = await t.inTenant(tenant, () =>
    t.get(AccountsService).create({
      email: `seeker-${tag}@example.test`,
      displayName: `Seeker ${tag}`,
      roles: ['jobseeker'],
      emailVerified: true,
    }),
  );
  await t.inTenant(tenant, () =>
    t.get(TenantDb).transaction(async (tx) => {
      const updatedAt = seed.updatedAt ?? new Date();
      await tx.query(
        `INSERT INTO profiles (tenant_id, id, state, alias, fields, org_unit_id, visible_to_employers, activated_at,
                               listed_until, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $8)`,
        [
          tx.tenantId,
          account.id,
          seed.state ?? 'active',
          seed.alias ?? `Kandidaat ${tag}`,
          JSON.stringify(seed.fields),
          seed.orgUnitId ?? null,
          seed.visibleToEmployers ?? true,
          updatedAt,
          seed.listedUntil === undefined ? new Date('2027-01-01T00:00:00Z') : seed.listedUntil,
        ],
      );
      for (const purpose of seed.consents ?? []) await grant(tx, account.id, purpose, true);
      await t.get(SearchIndexService).index(tx, account.id);
      const [{ handle }] = (await tx.query(`SELECT public_handle AS handle FROM profiles WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        account.id,
      ])) as { handle: string }[];
      seededByHandle.set(handle, account.id);
    }),
  );
  return account.id;
}

/** Seeded profiles by public handle: outside searchers get only the handle, the tests speak of ids. */
const seededByHandle = new Map<string, string>();

/** The profile a hit stands for: staff get the id, employers and partners only the handle. */
export function idOf(hit: { id?: string; handle: string }): string | undefined {
  return hit.id ?? seededByHandle.get(hit.handle);
}

async function grant(
  tx: { tenantId: string; query: (sql: string, p: unknown[]) => Promise<unknown> },
  personId: string,
  purpose: string,
  granted: boolean,
) {
  await tx.query(
    `INSERT INTO consent_state (tenant_id, person_id, purpose, granted, policy_version, changed_at)
     VALUES ($1, $2, $3, $4, 'test', now())
     ON CONFLICT (tenant_id, person_id, purpose) DO UPDATE SET granted = EXCLUDED.granted, changed_at = now()`,
    [tx.tenantId, personId, purpose, granted],
  );
}

/** Changes only the consent state, as the consent ledger does; the index is deliberately not touched. */
export function setConsent(
  t: TestApp,
  tenant: TenantRef,
  personId: string,
  purpose: string,
  granted: boolean,
) {
  return t.inTenant(tenant, () =>
    t.get(TenantDb).transaction((tx) => grant(tx, personId, purpose, granted)),
  );
}

/** Updates profile columns and re-indexes in the same unit of work, like the profiles capability. */
export function updateProfile(
  t: TestApp,
  tenant: TenantRef,
  id: string,
  patch: { state?: ProfileState; visibleToEmployers?: boolean; fields?: Record<string, unknown> },
) {
  return t.inTenant(tenant, () =>
    t.get(TenantDb).transaction(async (tx) => {
      await tx.query(
        `UPDATE profiles SET state = coalesce($3, state), visible_to_employers = coalesce($4, visible_to_employers),
                fields = coalesce($5, fields), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
        [
          tx.tenantId,
          id,
          patch.state ?? null,
          patch.visibleToEmployers ?? null,
          patch.fields ? JSON.stringify(patch.fields) : null,
        ],
      );
      await t.get(SearchIndexService).index(tx, id);
    }),
  );
}

/** Query string for GET /search/profiles from a plain object; arrays repeat the parameter. */
export function searchPath(params: Record<string, string | number | string[]> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
  const s = qs.toString();
  return s ? `/search/profiles?${s}` : '/search/profiles';
}

/**
 * A regional talent pool (statements 000 and 004 combined): employers find only people who joined
 * the pool, never learn who they are, and staff reach only their own region's profiles.
 */
export const regionalPool: TenantDefinition = {
  ...kandidatenbank,
  key: 'search-regional-pool',
  name: 'Regional talent pool (test)',
  domains: [],
  demo: undefined,
  consents: [
    ...kandidatenbank.consents,
    {
      key: 'talentPool',
      label: 'Talent pool',
      text: 'I want employers to find my profile in the talent pool.',
      version: 'test-1',
      asked: 'once',
      withdrawable: true,
    },
  ],
  visibility: {
    ...kandidatenbank.visibility,
    candidateBank: {
      searchers: ['employer', 'staff'],
      employerAccess: 'all-employers',
      requiresConsent: 'talentPool',
      employerIdentity: 'never',
      staffScope: 'own-org-units',
    },
  },
};

/**
 * Many profiles at once, written as the benchmark loads them (multi-row statements in one unit of
 * work) and indexed through the real SearchIndexService: a thousand take well under a second.
 */
export async function seedMany(
  t: TestApp,
  tenant: TenantRef,
  count: number,
  make: (i: number) => ProfileSeed,
): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const seeds = Array.from({ length: count }, (_, i) => make(i));
  const ids = seeds.map(() => randomUUID());
  await t.inTenant(tenant, () =>
    t.get(TenantDb).transaction(async (tx) => {
      await tx.query(
        `INSERT INTO accounts (tenant_id, id, email, display_name, roles, status, locale)
         SELECT $1, x.id, 'seeker-' || $3 || '-' || x.n || '@example.test', 'Seeker ' || x.n, '{jobseeker}', 'active', 'nl'
           FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, n)`,
        [tx.tenantId, ids, tag],
      );
      await tx.query(
        `INSERT INTO profiles (tenant_id, id, state, alias, fields, org_unit_id, visible_to_employers, activated_at,
                               listed_until, created_at, updated_at)
         SELECT $1, x.id, x.state, 'Kandidaat ' || $9 || '-' || x.n, x.fields, x.unit, x.visible, x.at, x.until, x.at, x.at
           FROM unnest($2::uuid[], $3::text[], $4::jsonb[], $5::uuid[], $6::boolean[], $7::timestamptz[], $8::timestamptz[])
                WITH ORDINALITY AS x(id, state, fields, unit, visible, at, until, n)`,
        [
          tx.tenantId,
          ids,
          seeds.map((s) => s.state ?? 'active'),
          seeds.map((s) => JSON.stringify(s.fields)),
          seeds.map((s) => s.orgUnitId ?? null),
          seeds.map((s) => s.visibleToEmployers ?? true),
          seeds.map((s, i) => s.updatedAt ?? new Date(Date.UTC(2026, 0, 1) + i * 1000)),
          seeds.map((s) => (s.listedUntil === undefined ? new Date('2027-01-01T00:00:00Z') : s.listedUntil)),
          tag,
        ],
      );
      for (let i = 0; i < ids.length; i += 500) await t.get(SearchIndexService).indexMany(tx, ids.slice(i, i + 500));
    }),
  );
  return ids;
}
