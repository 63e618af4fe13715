import { AccountsService } from '../../../auth/src/index.js';
import { AlertSubscriptionsService, SubscribeDto } from '../../../alerts/src/index.js';
import { NotFoundException } from '@nestjs/common';
import { assertValidBody } from '../../../http/src/index.js';
import { FormProblems, input, type FieldView } from '../forms/form-model.js';
import { mailLocale } from '../i18n/locales.js';
import { one, uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { alertsOffered } from '../http/navigation.js';
import { formPage, problemsOf } from './form-page.js';

const offered = alertsOffered;

/** The posted alert form as the API's `POST /alerts` body. */
function bodyOf(ctx: PageContext): Record<string, unknown> {
  const f = ctx.form;
  const body: Record<string, unknown> = { name: f.name ?? '', email: f.email ?? '', frequency: f.frequency ?? '', locale: mailLocale(ctx.def, ctx.locale) };
  if (f.keywords?.trim()) body.keywords = f.keywords;
  if (f.city?.trim()) {
    const km = f.distanceKm?.trim();
    body.location = { label: f.city, ...(km ? { distanceKm: /^\d+$/.test(km) ? Number(km) : km } : {}) };
  }
  return body;
}

async function alertForm(ctx: PageContext, values: Record<string, string> = {}, problems: FormProblems | null = null) {
  let name = values.name;
  let email = values.email;
  if (name === undefined && ctx.actor.accountId) {
    const account = await ctx.services.get(AccountsService).findById(ctx.actor.accountId);
    name = account?.displayName ?? '';
    email = account?.email ?? '';
  }
  const frequency = values.frequency ?? 'daily';
  const fields: FieldView[] = [
    input('name', ctx.t('alerts.name'), 'text', { value: name ?? '', required: true, autocomplete: 'name', maxlength: 100 }),
    input('email', ctx.t('alerts.email'), 'email', { value: email ?? '', required: true, autocomplete: 'email', maxlength: 254, dirLtr: true }),
    input('keywords', ctx.t('alerts.keywords'), 'text', { value: values.keywords ?? '', maxlength: 200 }),
    input('city', ctx.t('alerts.city'), 'text', { value: values.city ?? '', maxlength: 100, autocomplete: 'address-level2' }),
    input('distanceKm', ctx.t('alerts.distance'), 'number', { value: values.distanceKm ?? '', min: '1', max: '300', inputmode: 'numeric' }),
    input('frequency', ctx.t('alerts.frequency'), 'select', {
      required: true,
      options: ['immediate', 'daily'].map((v) => ({ value: v, label: ctx.t(`alerts.frequency-${v}`), selected: v === frequency })),
    }),
  ];
  return formPage(ctx, {
    title: ctx.t('alerts.title'),
    intro: [ctx.t('alerts.intro')],
    action: `${ctx.base}/alerts`,
    fields,
    submit: ctx.t('alerts.submit'),
    problems,
    labels: { 'location.label': ctx.t('alerts.city'), 'location.distanceKm': ctx.t('alerts.distance'), locale: ctx.t('site.language') },
  });
}

/** As `POST /alerts`: answered alike whether the address is new, known or at its limit. */
async function subscribe(ctx: PageContext) {
  const body = bodyOf(ctx);
  try {
    assertValidBody(SubscribeDto, body);
    await ctx.services.get(AlertSubscriptionsService).subscribe(Object.assign(new SubscribeDto(), body));
  } catch (err) {
    const problems = problemsOf(err, ctx);
    // The API names the nested location fields; the form has them side by side.
    const moved = new FormProblems();
    for (const p of problems.paths()) moved.add(p === 'location.label' ? 'city' : p === 'location.distanceKm' ? 'distanceKm' : p, problems.at(p, 'en') ?? '');
    moved.general.push(...problems.general);
    return alertForm(ctx, ctx.form as Record<string, string>, moved);
  }
  return ctx.render('pages/message', ctx.t('alerts.title'), { paragraphs: [ctx.t('notice.alert-sent')], links: [] });
}

const invalid = (ctx: PageContext) =>
  ctx.render('pages/message', ctx.t('alerts.title'), { paragraphs: [ctx.t('alerts.invalid')], links: [{ href: `${ctx.base}/alerts`, text: ctx.t('alerts.title') }] }, 400);

/** The alerts capability answers an unknown, altered or spent link with 404, like an unknown alert. */
const isLinkProblem = (err: unknown) => err instanceof NotFoundException;

/** The link in the confirmation mail opens a page with a button: a GET confirms nothing. */
function confirmPage(ctx: PageContext) {
  return Promise.resolve(
    formPage(ctx, {
      title: ctx.t('alerts.confirm-title'),
      action: `${ctx.base}/alerts/confirm`,
      fields: [],
      hidden: [{ name: 'token', value: one(ctx.query.token) ?? '' }],
      submit: ctx.t('alerts.confirm-submit'),
    }),
  );
}

async function confirm(ctx: PageContext) {
  try {
    const { manageToken } = await ctx.services.get(AlertSubscriptionsService).confirm(ctx.form.token ?? '');
    return ctx.redirect(`/alerts/manage?token=${encodeURIComponent(manageToken)}`, 'alert-confirmed');
  } catch (err) {
    if (isLinkProblem(err)) return invalid(ctx);
    throw err;
  }
}

async function manage(ctx: PageContext) {
  const token = one(ctx.query.token) ?? '';
  try {
    const overview = await ctx.services.get(AlertSubscriptionsService).overview(token);
    return ctx.render('pages/alerts-manage', ctx.t('alerts.manage-title'), { overview, token });
  } catch (err) {
    if (isLinkProblem(err)) return invalid(ctx);
    throw err;
  }
}

async function remove(ctx: PageContext) {
  const token = ctx.form.token ?? '';
  try {
    const alertId = uuidParam({ params: { id: ctx.form.alertId ?? '' } }, 'id');
    const { subscriberDeleted } = await ctx.services.get(AlertSubscriptionsService).remove(token, alertId);
    return subscriberDeleted ? ctx.redirect('/alerts', 'alert-removed') : ctx.redirect(`/alerts/manage?token=${encodeURIComponent(token)}`, 'alert-removed');
  } catch (err) {
    if (isLinkProblem(err)) return invalid(ctx);
    throw err;
  }
}

export const alertPages: readonly PageRoute[] = [
  { method: 'GET', path: '/alerts', access: 'public', offered, handler: (ctx) => alertForm(ctx) },
  { method: 'POST', path: '/alerts', access: 'public', offered, handler: subscribe, rateLimit: 'registration' },
  { method: 'GET', path: '/alerts/confirm', access: 'public', offered, handler: confirmPage },
  { method: 'POST', path: '/alerts/confirm', access: 'public', offered, handler: confirm },
  { method: 'GET', path: '/alerts/manage', access: 'public', offered, handler: manage },
  { method: 'POST', path: '/alerts/manage/remove', access: 'public', offered, handler: remove },
];
