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

/** The three tenants of the run, deliberately uneven. */
export const BENCH_TENANTS = [
  { key: 'bench-large', plugin: kandidatenbank.key, profiles: 60_000 },
  { key: 'bench-medium', plugin: benchTalentPool.key, profiles: 30_000 },
  { key: 'bench-small', plugin: kandidatenbank.key, profiles: 10_000 },
] as const;

export const BENCH_DEFINITIONS: readonly TenantDefinition[] = [kandidatenbank, benchTalentPool];
