import type { AppConfig } from '../../../config/src/index.js';
import type { RateLimitGroup } from './page.js';

export interface GroupLimit {
  readonly perClient: number;
  readonly perAddress: number;
}

/**
 * The limits of the API's rate-limited routes (issue 9: `RATE_LIMITED_ROUTES` and the
 * `RATE_LIMIT_*` settings), applied to the pages that do the same thing: sign-in, registration
 * and password reset, per client address and per e-mail address within the tenant, in a window of
 * 15 minutes. MERGE NOTE: once AppConfig carries `RATE_LIMIT_*`, read the numbers from there.
 * Tests run every file from one client address, so there only the per-address limits apply.
 */
export const WINDOW_SECONDS = 900;
const LIMITS: Readonly<Record<RateLimitGroup, GroupLimit>> = {
  'sign-in': { perClient: 100, perAddress: 30 },
  registration: { perClient: 30, perAddress: 5 },
  'password-reset': { perClient: 30, perAddress: 5 },
};

export function rateLimitsFor(config: AppConfig): Readonly<Record<RateLimitGroup, GroupLimit>> {
  if (config.NODE_ENV !== 'test') return LIMITS;
  return Object.fromEntries(
    Object.entries(LIMITS).map(([group, l]) => [group, { perClient: 1_000_000, perAddress: l.perAddress }]),
  ) as Record<RateLimitGroup, GroupLimit>;
}
