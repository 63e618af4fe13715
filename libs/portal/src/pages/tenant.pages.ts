import { ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { join, relative } from 'node:path';
import type { PortalPageContext, PortalPageDeclaration, Role } from '../../../plugin-api/src/index.js';
import { localised } from '../i18n/locales.js';
import { allows, one, type PageContext, type PageRoute } from '../http/page.js';
import { safeNext } from '../http/page-runner.js';
import { VIEWS_DIR } from '../http/views.js';

function declared(ctx: PageContext): PortalPageDeclaration {
  const page = ctx.def.portal?.pages?.find((p) => p.key === ctx.params.page);
  if (!page) throw new NotFoundException('No such page');
  // The declaration's own access rule, checked like every platform page's.
  if (!allows(page.access, ctx.actor)) throw ctx.actor.kind === 'account' ? new ForbiddenException() : new UnauthorizedException();
  return page;
}

function pageContext(ctx: PageContext): PortalPageContext {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.query)) {
    const value = one(v);
    if (value !== undefined) query[k] = value;
  }
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.form)) if (k !== '_csrf' && typeof v === 'string') form[k] = v;
  return {
    locale: ctx.locale,
    accountId: ctx.actor.accountId,
    roles: ctx.actor.roles as Role[],
    query,
    form,
    service: (token) => ctx.services.get(token),
  };
}

/** A tenant's own page: its view (from its folder) in the platform's layout, with its data. */
async function show(ctx: PageContext) {
  const page = declared(ctx);
  const data = page.load ? await page.load(pageContext(ctx)) : {};
  const file = relative(VIEWS_DIR, join(ctx.def.portal!.viewsDir!, page.view));
  return ctx.render(file, localised(page.title, ctx.locale, ctx.def), { ...data, action: `${ctx.base}/x/${page.key}` });
}

/** A form on a tenant's page: CSRF was checked; `_action` names the declared action. */
async function act(ctx: PageContext) {
  const page = declared(ctx);
  const action = page.actions?.[ctx.form._action ?? ''];
  if (!action) throw new NotFoundException('No such action');
  const result = (await action(pageContext(ctx))) ?? {};
  const target = result.redirect ? safeNext(ctx.base, `${ctx.base}${result.redirect.startsWith('/') ? '' : '/'}${result.redirect}`) : `${ctx.base}/x/${page.key}`;
  return ctx.redirect(target, result.notice);
}

export const tenantPages: readonly PageRoute[] = [
  { method: 'GET', path: '/x/:page', access: 'public', handler: show },
  { method: 'POST', path: '/x/:page', access: 'public', handler: act },
];
