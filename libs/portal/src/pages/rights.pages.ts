import { NotFoundException } from '@nestjs/common';
import { RightsByEmail, RequestByEmailDto } from '../../../rights/src/index.js';
import { assertValidBody } from '../../../http/src/index.js';
import { RIGHTS_REQUEST_KINDS } from '../../../plugin-api/src/index.js';
import { FormProblems, input } from '../forms/form-model.js';
import { one, type PageContext, type PageRoute } from '../http/page.js';
import { formPage, problemsOf } from './form-page.js';

const invalid = (ctx: PageContext) =>
  ctx.render('pages/message', ctx.t('rights.confirm-title'), { paragraphs: [ctx.t('rights.confirm-invalid')], links: [] }, 400);

/** The link in the mail opens a page with a button: a GET confirms nothing (mail scanners follow links). */
function confirmPage(ctx: PageContext) {
  return Promise.resolve(
    formPage(ctx, {
      title: ctx.t('rights.confirm-title'),
      intro: [ctx.t('rights.confirm-intro')],
      action: `${ctx.base}/rights/confirm`,
      fields: [],
      hidden: [{ name: 'token', value: one(ctx.query.token) ?? '' }],
      submit: ctx.t('rights.confirm-submit'),
    }),
  );
}

async function confirm(ctx: PageContext) {
  try {
    const request = await ctx.services.get(RightsByEmail).confirm(ctx.form.token ?? '');
    return ctx.render('pages/message', ctx.t('rights.confirm-title'), {
      paragraphs: [ctx.t('rights.confirmed', { reference: request.reference, dueOn: request.dueOn })],
      links: [],
    });
  } catch (err) {
    if (err instanceof NotFoundException) return invalid(ctx);
    throw err;
  }
}

/**
 * For a person who cannot sign in: the request is made with the account's e-mail address, and exists
 * once the link mailed there is used. Whatever the address, the same page follows, so the form tells
 * no one whether an address has an account.
 */
function requestByEmailForm(ctx: PageContext, values: { email?: string; kind?: string; details?: string } = {}, problems: FormProblems | null = null) {
  return formPage(ctx, {
    title: ctx.t('rights.by-email-title'),
    intro: [ctx.t('rights.by-email-intro')],
    action: `${ctx.base}/rights/request`,
    fields: [
      input('email', ctx.t('rights.by-email-address'), 'email', { value: values.email ?? '', required: true, autocomplete: 'email', dirLtr: true, maxlength: 254 }),
      input('kind', ctx.t('rights.kind-label'), 'select', {
        required: true,
        options: RIGHTS_REQUEST_KINDS.map((k) => ({ value: k, label: ctx.t(`rights.kind.${k}`), selected: values.kind === k })),
      }),
      input('details', ctx.t('rights.details'), 'textarea', { value: values.details ?? '', help: ctx.t('rights.details-help'), maxlength: 4000, rows: 6 }),
    ],
    submit: ctx.t('rights.submit'),
    problems,
  });
}

/** As `POST /rights/requests/by-email`: the same DTO check, the same use case, the same rate limit. */
async function requestByEmail(ctx: PageContext) {
  const details = (ctx.form.details ?? '').trim();
  const body = { email: (ctx.form.email ?? '').trim(), kind: ctx.form.kind ?? '', ...(details ? { details } : {}) };
  try {
    assertValidBody(RequestByEmailDto, body);
  } catch (err) {
    return requestByEmailForm(ctx, body, problemsOf(err, ctx));
  }
  ctx.services.get(RightsByEmail).request({ email: body.email, kind: body.kind as RequestByEmailDto['kind'], details: body.details });
  return ctx.render('pages/message', ctx.t('rights.by-email-title'), { paragraphs: [ctx.t('rights.by-email-sent')], links: [] });
}

export const rightsPages: readonly PageRoute[] = [
  { method: 'GET', path: '/rights/confirm', access: 'public', handler: confirmPage },
  { method: 'POST', path: '/rights/confirm', access: 'public', handler: confirm },
  { method: 'GET', path: '/rights/request', access: 'public', handler: (ctx) => Promise.resolve(requestByEmailForm(ctx)) },
  { method: 'POST', path: '/rights/request', access: 'public', handler: requestByEmail, rateLimit: 'registration' },
];
