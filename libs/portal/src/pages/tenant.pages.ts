import { ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { attachmentDisposition } from '../../../profiles/src/index.js';
import type { PortalPageDeclaration } from '../../../plugin-api/src/index.js';
import { FormProblems } from '../forms/form-model.js';
import { localised } from '../i18n/locales.js';
import { onThisSite } from '../http/navigation.js';
import { allows, type PageContext, type PageRoute } from '../http/page.js';
import { safeNext } from '../http/page-runner.js';
import { VIEWS_DIR } from '../http/views.js';
import { pageContext, tenantPermits } from './tenant-page-context.js';
import { receiveForm, type ReceivedForm } from './tenant-upload.js';

async function declared(ctx: PageContext): Promise<PortalPageDeclaration> {
  const page = ctx.def.portal?.pages?.find((p) => p.key === ctx.params.page);
  if (!page || !onThisSite(page, ctx.branding.brand)) throw new NotFoundException('No such page');
  // The declaration's own access rule, checked like every platform page's; then the tenant's further rule.
  if (!allows(page.access, ctx.actor)) throw ctx.actor.kind === 'account' ? new ForbiddenException() : new UnauthorizedException();
  if (!(await tenantPermits(ctx, page))) throw new ForbiddenException();
  return page;
}

/** A tenant's own page: its view (from its folder) in the platform's layout, with its data. */
async function show(
  ctx: PageContext,
  declaredPage?: PortalPageDeclaration,
  again?: { problems?: FormProblems; shown?: Readonly<Record<string, unknown>>; form?: Record<string, string> },
) {
  const page = declaredPage ?? (await declared(ctx));
  const data = page.load ? await page.load(pageContext(ctx, again?.form ? { form: again.form } : undefined)) : {};
  const file = relative(VIEWS_DIR, join(ctx.def.portal!.viewsDir!, page.view));
  const extra: Record<string, unknown> = { ...again?.shown };
  if (page.upload) extra.uploadAction = `${ctx.base}/x/${page.key}/upload?_csrf=${encodeURIComponent(ctx.csrf())}`;
  if (page.download) extra.downloadAction = `${ctx.base}/x/${page.key}/download`;
  if (again?.problems) {
    const problems: Record<string, string> = {};
    for (const path of again.problems.paths()) problems[path] = again.problems.at(path, ctx.locale) ?? '';
    extra.problems = problems;
    const label = (field: string) => (page.fieldLabels?.[field] ? ctx.t(page.fieldLabels[field]) : field);
    extra.errors = [...again.problems.general, ...Object.entries(problems).map(([field, text]) => `${label(field)}: ${text}`)];
    extra.form = pageContext(ctx, again.form ? { form: again.form } : undefined).form;
  }
  return ctx.render(file, localised(page.title, ctx.locale, ctx.def), { ...data, ...extra, action: `${ctx.base}/x/${page.key}` }, again?.problems ? 422 : 200);
}

/** A form on a tenant's page: CSRF was checked; `_action` names the declared action. */
async function act(ctx: PageContext, declaredPage?: PortalPageDeclaration, sent?: ReceivedForm) {
  const page = declaredPage ?? (await declared(ctx));
  const form = sent?.form ?? (ctx.form as Record<string, string>);
  const action = page.actions?.[form._action ?? ''];
  if (!action) throw new NotFoundException('No such action');
  let result;
  try {
    result = (await action(pageContext(ctx, sent))) ?? {};
  } catch (err) {
    const problems = FormProblems.from(err);
    if (!problems) throw err;
    return show(ctx, page, { problems, form: sent?.form });
  }
  if (result.show) return show(ctx, page, { shown: result.show, form: sent?.form });
  const target = result.redirect ? safeNext(ctx.base, `${ctx.base}${result.redirect.startsWith('/') ? '' : '/'}${result.redirect}`) : `${ctx.base}/x/${page.key}`;
  return ctx.redirect(target, result.notice);
}

/** A form with a file, for a page that declares `upload`: read within its limit, then its action. */
async function upload(ctx: PageContext) {
  // A page without an upload has no such route, whoever asks.
  if (!ctx.def.portal?.pages?.find((p) => p.key === ctx.params.page)?.upload) throw new NotFoundException('No such page');
  const page = await declared(ctx);
  let sent;
  try {
    sent = await receiveForm(ctx.req, page.upload!);
  } catch (err) {
    const problems = FormProblems.from(err);
    if (!problems) throw err;
    return show(ctx, page, { problems });
  }
  return act(ctx, page, sent);
}

/** A file of a page that declares `download`, under the page's access rule; never cached. */
async function download(ctx: PageContext) {
  // A page without a download has no such route, whoever asks.
  if (!ctx.def.portal?.pages?.find((p) => p.key === ctx.params.page)?.download) throw new NotFoundException('No such page');
  const page = await declared(ctx);
  const file = await page.download!(pageContext(ctx));
  return { kind: 'file' as const, type: file.contentType, disposition: attachmentDisposition(file.fileName), stream: Readable.from([file.bytes]) };
}

/** A page's own limit on its posts (a form that mails someone). */
const declaredLimit = (ctx: PageContext) => ctx.def.portal?.pages?.find((p) => p.key === ctx.params.page)?.rateLimit;

export const tenantPages: readonly PageRoute[] = [
  { method: 'GET', path: '/x/:page', access: 'public', handler: (ctx) => show(ctx) },
  { method: 'GET', path: '/x/:page/download', access: 'public', handler: download },
  { method: 'POST', path: '/x/:page', access: 'public', handler: (ctx) => act(ctx), rateLimitOf: declaredLimit },
  { method: 'POST', path: '/x/:page/upload', access: 'public', handler: upload, multipart: true, rateLimitOf: declaredLimit },
];
