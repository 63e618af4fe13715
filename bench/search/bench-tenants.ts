import type { TenantDefinition } from '../../libs/plugin-api/src/index.js';
import { kandidatenbank } from '../../tenants/kandidatenbank/kandidatenbank.tenant.js';

/**
 * A second shape of candidate bank for the benchmark, so the figures cover the consent join too:
 * employers find only people who joined the talent pool, and never see who they are.
 */
export const benchTalentPool: TenantDefinition = {
  ...kandidatenbank,
  key: 'bench-talent-pool',
  name: 'Benchmark talent pool',
  domains: [],
  demo: undefined,
  consents: [
    ...kandidatenbank.consents,
    {
      key: 'talentPool',
      label: 'Talent pool',
      text: 'I want employers to find my profile in the talent pool.',
      version: 'bench-1',
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
      staffScope: 'tenant',
    },
  },
};

export interface BenchTenantSpec {
  readonly key: string;
  readonly plugin: string;
  readonly profiles: number;
  /** Searched and timed; the others are there so the tables and indexes have their real size. */
  readonly measured: boolean;
}

/**
 * The tenants of a run, deliberately uneven. Up to 100,000 profiles (the default): three tenants
 * of 60%, 30% (a talent pool) and 10%. From 1,000,000 (`BENCH_PROFILES=1000000`): the shape of a
 * platform at scale, one candidate bank of 20%, one talent pool of 10%, and fifty tenants of 6,000
 * to 22,000 making up the rest; the two large ones and the smallest, middle and largest of the
 * fifty are timed.
 */
export function benchTenants(total: number): BenchTenantSpec[] {
  if (!Number.isInteger(total) || total < 1_000) throw new Error(`BENCH_PROFILES must be a whole number of at least 1000, not ${total}`);
  if (total < 1_000_000)
    return [
      { key: 'bench-large', plugin: kandidatenbank.key, profiles: Math.round(total * 0.6), measured: true },
      { key: 'bench-medium', plugin: benchTalentPool.key, profiles: Math.round(total * 0.3), measured: true },
      { key: 'bench-small', plugin: kandidatenbank.key, profiles: Math.round(total * 0.1), measured: true },
    ];
  const scale = total / 1_000_000;
  const small = Array.from({ length: 50 }, (_, i) => ({
    key: `bench-t${String(i + 1).padStart(2, '0')}`,
    plugin: kandidatenbank.key,
    profiles: Math.round((6_000 + (16_000 * i) / 49) * scale),
    measured: i === 0 || i === 25 || i === 49,
  }));
  return [
    { key: 'bench-large', plugin: kandidatenbank.key, profiles: Math.round(total * 0.2), measured: true },
    { key: 'bench-medium', plugin: benchTalentPool.key, profiles: Math.round(total * 0.1), measured: true },
    ...small,
  ];
}

export const BENCH_DEFINITIONS: readonly TenantDefinition[] = [kandidatenbank, benchTalentPool];
