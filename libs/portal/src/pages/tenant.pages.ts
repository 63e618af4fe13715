import { ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { join, relative } from 'node:path';
import type { PortalPageContext, PortalPageDeclaration, Role } from '../../../plugin-api/src/index.js';
import { FormProblems } from '../forms/form-model.js';
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
    orgUnitIds: ctx.actor.orgUnitIds ?? [],
    query,
    form,
    service: (token) => ctx.services.get(token),
  };
}

/** A tenant's own page: its view (from its folder) in the platform's layout, with its data. */
async function show(ctx: PageContext, page = declared(ctx), again?: { problems: FormProblems }) {
  const data = page.load ? await page.load(pageContext(ctx)) : {};
  const file = relative(VIEWS_DIR, join(ctx.def.portal!.viewsDir!, page.view));
  const extra: Record<string, unknown> = {};
  if (again) {
    const problems: Record<string, string> = {};
    for (const path of again.problems.paths()) problems[path] = again.problems.at(path, ctx.locale) ?? '';
    extra.problems = problems;
    extra.errors = [...again.problems.general, ...Object.entries(problems).map(([field, text]) => `${field}: ${text}`)];
    extra.form = pageContext(ctx).form;
  }
  return ctx.render(file, localised(page.title, ctx.locale, ctx.def), { ...data, ...extra, action: `${ctx.base}/x/${page.key}` }, again ? 422 : 200);
}

/** A form on a tenant's page: CSRF was checked; `_action` names the declared action. */
async function act(ctx: PageContext) {
  const page = declared(ctx);
  const action = page.actions?.[ctx.form._action ?? ''];
  if (!action) throw new NotFoundException('No such action');
  let result;
  try {
    result = (await action(pageContext(ctx))) ?? {};
  } catch (err) {
    const problems = FormProblems.from(err);
    if (!problems) throw err;
    return show(ctx, page, { problems });
  }
  const target = result.redirect ? safeNext(ctx.base, `${ctx.base}${result.redirect.startsWith('/') ? '' : '/'}${result.redirect}`) : `${ctx.base}/x/${page.key}`;
  return ctx.redirect(target, result.notice);
}

export const tenantPages: readonly PageRoute[] = [
  { method: 'GET', path: '/x/:page', access: 'public', handler: (ctx) => show(ctx) },
  { method: 'POST', path: '/x/:page', access: 'public', handler: act },
];
