import { DossierOpenings, PersonOverview, RightsExports, RightsRequestsService, SubmitRightsRequestDto } from '../../../rights/src/index.js';
import { attachmentDisposition } from '../../../profiles/src/index.js';
import { assertValidBody } from '../../../http/src/index.js';
import { RIGHTS_REQUEST_KINDS } from '../../../plugin-api/src/index.js';
import { ActivityReader } from '../../../activity/src/index.js';
import { FormProblems, input } from '../forms/form-model.js';
import { activityView } from './activity-view.js';
import { localised } from '../i18n/locales.js';
import { uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { formPage, problemsOf } from './form-page.js';

/** A word of the portal's texts, or the value itself where the portal has no word for it. */
const word = (ctx: PageContext, prefix: string, value: string) => {
  const key = `${prefix}.${value}`;
  const text = ctx.t(key);
  return text === key ? value : text;
};

const calendarDate = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? ''));

/**
 * "My data": the person's own page of the rights capability. What is held about them (never the
 * values: those come with a copy, which is a request of its own), who may see each part and why,
 * until when it is kept, who opened the dossier, and their requests with the date each is due.
 * Every signed-in account has one: an employer's contact person has the same rights as a jobseeker.
 * Where the tenant records activity, what it recorded of the person's own use of the site.
 */
async function myData(ctx: PageContext) {
  const me = ctx.actor.accountId!;
  const overview = await ctx.services.get(PersonOverview).of(me, ctx.locale);
  const openings = await ctx.services.get(DossierOpenings).list(null, me, 100);
  const requests = await ctx.services.get(RightsRequestsService).mine(me);
  const activity = activityView(ctx, await ctx.services.get(ActivityReader).mine(me));
  return ctx.render('pages/my-data', ctx.t('my-data.title'), {
    activity,
    fields: overview.fields.map((f) => ({
      label: f.label,
      purpose: f.purpose ?? '',
      readers: f.visibleTo.map((a) => word(ctx, 'audience', a)).join(', '),
      retention: f.retention ?? '',
      special: f.specialCategory,
    })),
    documents: overview.documents,
    heldBy: overview.heldBy.map((c) => word(ctx, 'my-data.store', c)).join(', '),
    consents: overview.consents
      .filter((c) => c.granted)
      .map((c) => ({ label: localisedConsent(ctx, c.purpose), since: c.since })),
    heldUntil: overview.retention.heldUntil,
    schedules: overview.retention.schedules.map((s) => ({ promise: s.promise ?? s.schedule, status: s.status })),
    openings: openings.map((o) => ({
      at: o.at,
      what: word(ctx, 'my-data.opened', o.action),
      organisations: o.organisations.join(', '),
      roles: o.roles.map((r) => word(ctx, 'audience', r)).join(', '),
    })),
    requests: requests.map((r) => ({
      id: r.id,
      copy: r.kind === 'access' || r.kind === 'portability',
      reference: r.reference,
      kind: ctx.t(`rights.kind.${r.kind}`),
      status: ctx.t(`rights.status.${r.status}`),
      receivedOn: calendarDate(r.receivedOn),
      dueOn: calendarDate(r.dueOn),
      refusalReason: r.refusalReason,
      extensionReason: r.extensionReason,
      open: r.status !== 'completed' && r.status !== 'refused',
    })),
  });
}

function localisedConsent(ctx: PageContext, purpose: string): string {
  const declared = ctx.def.consents.find((c) => c.key === purpose);
  return declared ? localised(declared.label, ctx.locale, ctx.def) : purpose;
}

function requestForm(ctx: PageContext, values: { kind?: string; details?: string } = {}, problems: FormProblems | null = null) {
  return formPage(ctx, {
    title: ctx.t('rights.request-title'),
    intro: [ctx.t('rights.request-intro')],
    action: `${ctx.base}/my-data/requests`,
    fields: [
      input('kind', ctx.t('rights.kind-label'), 'select', {
        required: true,
        options: RIGHTS_REQUEST_KINDS.map((k) => ({ value: k, label: ctx.t(`rights.kind.${k}`), selected: values.kind === k })),
      }),
      input('details', ctx.t('rights.details'), 'textarea', { value: values.details ?? '', help: ctx.t('rights.details-help'), maxlength: 4000, rows: 6 }),
    ],
    submit: ctx.t('rights.submit'),
    problems,
    links: [{ href: `${ctx.base}/my-data`, text: ctx.t('site.back') }],
  });
}

/** As `POST /rights/requests/me`: the same DTO check and the same use case. */
async function submitRequest(ctx: PageContext) {
  const details = (ctx.form.details ?? '').trim();
  const body = { kind: ctx.form.kind ?? '', ...(details ? { details } : {}) };
  try {
    assertValidBody(SubmitRightsRequestDto, body);
    await ctx.services.get(RightsRequestsService).submit({
      actor: ctx.actor,
      kind: body.kind as SubmitRightsRequestDto['kind'],
      details: body.details,
    });
  } catch (err) {
    return requestForm(ctx, body, problemsOf(err, ctx));
  }
  return ctx.redirect('/my-data', 'request-sent');
}

/** While the archive is built, the page reloads itself this often (a plain meta refresh: no script). */
const EXPORT_REFRESH_SECONDS = 5;

/**
 * The copy of the person's data for an access or portability request: how far its build is, and
 * once it is ready, that the single-use link is in their mail until when. As
 * `GET /rights/requests/me/:id/export`; another person's request is no page.
 */
async function exportProgress(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const progress = await ctx.services.get(RightsExports).progressOf(ctx.actor.accountId!, id);
  const building = progress.status !== 'ready' && progress.status !== 'downloaded' && progress.status !== 'failed';
  return ctx.render('pages/export', ctx.t('export.title'), {
    ...progress,
    building,
    ready: progress.status === 'ready',
    downloaded: progress.status === 'downloaded',
    failed: progress.status === 'failed',
    expiresOn: progress.expiresAt?.slice(0, 10) ?? '',
    refreshSeconds: building ? EXPORT_REFRESH_SECONDS : undefined,
  });
}

/**
 * The mailed link: the archive for the signed-in person whose export it is, once, before it
 * expires (the same use case as `GET /rights/exports/:token`). Signing in first keeps a forwarded
 * mail from handing the copy to someone else.
 */
async function download(ctx: PageContext) {
  const token = ctx.params.token ?? '';
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return ctx.render('pages/message', ctx.t('export.title'), { paragraphs: [ctx.t('export.unknown')] }, 404);
  const file = await ctx.services.get(RightsExports).download(ctx.actor.accountId!, token);
  return { kind: 'file' as const, type: 'application/zip', disposition: attachmentDisposition(file.fileName), stream: file.stream };
}

export const myDataPages: readonly PageRoute[] = [
  { method: 'GET', path: '/my-data', access: 'signed-in', handler: myData },
  { method: 'GET', path: '/my-data/requests', access: 'signed-in', handler: (ctx) => Promise.resolve(requestForm(ctx)) },
  { method: 'POST', path: '/my-data/requests', access: 'signed-in', handler: submitRequest },
  { method: 'GET', path: '/my-data/requests/:id/export', access: 'signed-in', handler: exportProgress },
  { method: 'GET', path: '/my-data/exports/:token', access: 'signed-in', handler: download },
];
