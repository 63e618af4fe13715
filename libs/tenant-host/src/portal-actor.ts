import type { Actor } from '../../context/src/index.js';
import type { PortalPageContext } from '../../plugin-api/src/index.js';

/**
 * The caller of a tenant's own page, as the use cases take it: the page context carries the
 * session's account, roles and org units, so a page hands its caller on instead of the use case
 * looking it up in the request.
 */
export function portalActor(ctx: Pick<PortalPageContext, 'accountId' | 'roles' | 'orgUnitIds'>): Actor {
  return { kind: ctx.accountId ? 'account' : 'anonymous', accountId: ctx.accountId, roles: ctx.roles, orgUnitIds: ctx.orgUnitIds };
}
