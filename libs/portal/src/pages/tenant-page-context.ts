import type { PortalPageContext, PortalPageDeclaration, Role } from '../../../plugin-api/src/index.js';
import { allows, one, type PageContext } from '../http/page.js';
import { onThisSite } from '../http/navigation.js';
import type { ReceivedForm } from './tenant-upload.js';

/** What a tenant's page sees of the request: its own view of the actor, query and form. */
export function pageContext(ctx: PageContext, sent?: ReceivedForm): PortalPageContext {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.query)) {
    const value = one(v);
    if (value !== undefined) query[k] = value;
  }
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(sent?.form ?? ctx.form)) if (k !== '_csrf' && typeof v === 'string') form[k] = v;
  return {
    ...(sent?.file ? { file: sent.file } : {}),
    ...(sent?.document ? { document: sent.document } : {}),
    locale: ctx.locale,
    accountId: ctx.actor.accountId,
    roles: ctx.actor.roles as Role[],
    orgUnitIds: ctx.actor.orgUnitIds ?? [],
    query,
    form,
    service: (token) => ctx.services.get(token),
  };
}

/** Whether the page's further rule (`permits`), if it has one, lets this visitor in. */
export async function tenantPermits(ctx: PageContext, page: PortalPageDeclaration): Promise<boolean> {
  return !page.permits || (await page.permits(pageContext(ctx)));
}

/**
 * The keys of the tenant's menu pages with a further rule that this visitor passes, for the menu.
 * A rule that fails keeps the entry out (the page itself would answer with the failure).
 */
export async function permittedMenuPages(ctx: PageContext): Promise<ReadonlySet<string>> {
  const out = new Set<string>();
  if (ctx.actor.kind !== 'account') return out;
  for (const page of ctx.def.portal?.pages ?? []) {
    if (!page.nav || !page.permits || !allows(page.access, ctx.actor) || !onThisSite(page, ctx.branding.brand)) continue;
    if (await tenantPermits(ctx, page).catch(() => false)) out.add(page.key);
  }
  return out;
}
