import { assertValidBody } from '../../../http/src/index.js';
import { ExtendRightsRequestDto, NEXT, RightsRequestsService, RightsStatusDto, type RightsStatus } from '../../../rights/src/index.js';
import type { Role } from '../../../plugin-api/src/index.js';
import { finishForm, FormProblems, input, type FieldView } from '../forms/form-model.js';
import { one, uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { problemsOf } from './form-page.js';

const STAFF: readonly Role[] = ['staff', 'tenant-admin'];

/**
 * The data-subject requests staff handle, as `GET /rights/requests`: open ones by due date with the
 * days left, overdue ones marked (and listed alone on request), each within the staff member's reach.
 */
async function queue(ctx: PageContext) {
  const overdue = one(ctx.query.overdue) === 'true';
  const items = await ctx.services.get(RightsRequestsService).list(ctx.actor, { overdue });
  return ctx.render('pages/rights-requests', ctx.t('requests.title'), {
    overdueOnly: overdue,
    items: items.map((r) => ({
      ...r,
      kindText: ctx.t(`rights.kind.${r.kind}`),
      statusText: ctx.t(`rights.status.${r.status}`),
      daysText: r.overdue ? ctx.t('requests.overdue-by', { days: -(r.daysLeft ?? 0) }) : ctx.t('requests.days-left', { days: r.daysLeft ?? 0 }),
    })),
  });
}

/** One request, with the next steps it may take and an extension (art. 12(3)) while it is open. */
async function request(ctx: PageContext, again?: { form: 'status' | 'extension'; problems: FormProblems }) {
  const r = await ctx.services.get(RightsRequestsService).get(ctx.actor, uuidParam(ctx, 'id'));
  const next = NEXT[r.status];
  const statusFields: FieldView[] = next.length
    ? [
        input('status', ctx.t('requests.next-status'), 'select', {
          required: true,
          options: next.map((s: RightsStatus) => ({ value: s, label: ctx.t(`rights.status.${s}`), selected: again?.form === 'status' && ctx.form.status === s })),
        }),
        input('reason', ctx.t('requests.reason'), 'textarea', {
          help: ctx.t('requests.reason-help'),
          value: again?.form === 'status' ? (ctx.form.reason ?? '') : '',
          maxlength: 2000,
          rows: 3,
        }),
      ]
    : [];
  const extensionFields: FieldView[] =
    next.length && !r.extensionReason
      ? [
          input('extensionReason', ctx.t('requests.extension-reason'), 'textarea', {
            help: ctx.t('requests.extension-help'),
            value: again?.form === 'extension' ? (ctx.form.extensionReason ?? '') : '',
            required: true,
            maxlength: 2000,
            rows: 3,
          }),
        ]
      : [];
  const labelOf = (fields: FieldView[]) => (path: string) => fields.find((f) => f.name === path)?.label ?? path;
  const statusErrors = finishForm(statusFields, again?.form === 'status' ? again.problems : null, labelOf(statusFields), ctx.locale);
  const extensionErrors = finishForm(extensionFields, again?.form === 'extension' ? again.problems : null, labelOf(extensionFields), ctx.locale);
  return ctx.render(
    'pages/rights-request',
    ctx.t('requests.request-title', { reference: r.reference }),
    {
      request: r,
      kindText: ctx.t(`rights.kind.${r.kind}`),
      statusText: ctx.t(`rights.status.${r.status}`),
      daysText: r.daysLeft === null ? null : r.overdue ? ctx.t('requests.overdue-by', { days: -r.daysLeft }) : ctx.t('requests.days-left', { days: r.daysLeft }),
      statusFields,
      extensionFields,
      errors: [...statusErrors, ...extensionErrors],
    },
    again ? 422 : 200,
  );
}

/** As `POST /rights/requests/:id/status`: the same use case, so the same deciders and the same reasons. */
async function changeStatus(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const reason = ctx.form.reason?.trim();
  const body = { status: ctx.form.status ?? '', ...(reason ? { reason } : {}) };
  try {
    assertValidBody(RightsStatusDto, body);
    await ctx.services.get(RightsRequestsService).transition({ actor: ctx.actor, requestId: id, to: body.status as RightsStatus, reason });
  } catch (err) {
    return request(ctx, { form: 'status', problems: problemsOf(err, ctx) });
  }
  return ctx.redirect(`/requests/${id}`, 'request-updated');
}

/** As `POST /rights/requests/:id/extension`: once, with the reason the person is told. */
async function extend(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const body = { reason: (ctx.form.extensionReason ?? '').trim() };
  try {
    assertValidBody(ExtendRightsRequestDto, body);
    await ctx.services.get(RightsRequestsService).extend({ actor: ctx.actor, requestId: id, reason: body.reason });
  } catch (err) {
    const found = problemsOf(err, ctx);
    // The use case names its input `reason`; on this page that is the extension's field.
    const problems = new FormProblems();
    for (const path of found.paths()) problems.add(path === 'reason' ? 'extensionReason' : path, found.at(path, 'en') ?? '');
    problems.general.push(...found.general);
    return request(ctx, { form: 'extension', problems });
  }
  return ctx.redirect(`/requests/${id}`, 'request-extended');
}

export const requestPages: readonly PageRoute[] = [
  { method: 'GET', path: '/requests', access: STAFF, handler: queue },
  { method: 'GET', path: '/requests/:id', access: STAFF, handler: (ctx) => request(ctx) },
  { method: 'POST', path: '/requests/:id/status', access: STAFF, handler: changeStatus },
  { method: 'POST', path: '/requests/:id/extension', access: STAFF, handler: extend },
];
