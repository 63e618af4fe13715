import { NotFoundException } from '@nestjs/common';
import { RightsByEmail } from '../../../rights/src/index.js';
import { one, type PageContext, type PageRoute } from '../http/page.js';
import { formPage } from './form-page.js';

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

export const rightsPages: readonly PageRoute[] = [
  { method: 'GET', path: '/rights/confirm', access: 'public', handler: confirmPage },
  { method: 'POST', path: '/rights/confirm', access: 'public', handler: confirm },
];
