import type { AppConfig } from '../../../config/src/index.js';
import type { RateLimitGroup } from './page.js';

export interface GroupLimit {
  readonly perClient: number;
  readonly perAddress: number;
}

/**
 * The API's limits (`RATE_LIMIT_*`, the same settings as its rate-limited routes), applied to the
 * pages that do the same thing: sign-in, registration and password reset, per client address and
 * per e-mail address within the tenant, in the API's window.
 */
export function windowSeconds(config: AppConfig): number {
  return config.RATE_LIMIT_WINDOW_SECONDS;
}

export function rateLimitsFor(config: AppConfig): Readonly<Record<RateLimitGroup, GroupLimit>> {
  return {
    'sign-in': { perClient: config.RATE_LIMIT_SIGN_IN_PER_CLIENT, perAddress: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS },
    registration: { perClient: config.RATE_LIMIT_REGISTRATION_PER_CLIENT, perAddress: config.RATE_LIMIT_REGISTRATION_PER_ADDRESS },
    'password-reset': {
      perClient: config.RATE_LIMIT_PASSWORD_RESET_PER_CLIENT,
      perAddress: config.RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS,
    },
  };
}
