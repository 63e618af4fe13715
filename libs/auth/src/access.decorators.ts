import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../plugin-api/src/index.js';

export const ACCESS_RULE = 'access:rule';

/**
 * Every route states who may call it; a route without a rule is refused at run time (the guard)
 * and at build time (the access-rule test walks every controller method).
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in account of the request's tenant. */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** Signed-in accounts of the request's tenant holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
