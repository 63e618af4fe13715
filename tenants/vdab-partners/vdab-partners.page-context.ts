import type { PortalPageContext } from '../../libs/plugin-api/src/index.js';
import type { Actor } from '../../libs/tenant-host/src/index.js';
import type { Caller } from './vdab-partners.access.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** The signed-in partner as the dossier gate knows them (`callerOf` for the API's actor). */
export const partnerOf = (ctx: PortalPageContext): Caller => ({ kind: 'partner' as const, accountId: ctx.accountId!, organisationIds: ctx.orgUnitIds });

/** The signed-in person as the API's services know them (`@CurrentActor()`). */
export const actorOf = (ctx: PortalPageContext): Actor => ({ kind: 'account', accountId: ctx.accountId, roles: ctx.roles, orgUnitIds: ctx.orgUnitIds });

/**
 * An id from a form or a link; anything else is an id nothing has, so the service answers as for
 * an unknown one (the API's DTO refuses it earlier, with 400; a page has no field to name).
 */
export const idOf = (value: string | undefined) => (value && UUID.test(value) ? value.toLowerCase() : NO_ID);
