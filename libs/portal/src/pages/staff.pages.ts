import { NotFoundException } from '@nestjs/common';
import { ActivityReader } from '../../../activity/src/index.js';
import { AuditService } from '../../../audit/src/index.js';
import { ConnectionsService } from '../../../connections/src/index.js';
import { ConsentService } from '../../../consent/src/index.js';
import { MailTemplatesService, UnknownTemplateError } from '../../../mail/src/index.js';
import { ProfileReaderService } from '../../../profiles/src/index.js';
import { RetentionForecastService } from '../../../retention/src/index.js';
import type { Role } from '../../../plugin-api/src/index.js';
import { finishForm, FormProblems, input } from '../forms/form-model.js';
import { localised, mailLocale } from '../i18n/locales.js';
import { connectionsOffered } from '../http/navigation.js';
import { one, uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { profileStateText, shownFields } from './profile-view.js';
import { activityView } from './activity-view.js';

const STAFF: readonly Role[] = ['staff', 'tenant-admin'];
const ADMIN: readonly Role[] = ['tenant-admin'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person's dossier for the tenant's staff: the profile as staff read it (`GET /profiles/:id`,
 * audited, 404 outside their reach), their consents, their connections where the tenant has them,
 * the retention forecast (`GET /retention/people/:id/timeline` without its history), and the
 * person's activity where the tenant records it.
 */
async function dossier(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const p = await ctx.services.get(ProfileReaderService).read(ctx.actor, id);
  const consents = await ctx.services.get(ConsentService).list(id, mailLocale(ctx.def, ctx.locale));
  const connections =
    connectionsOffered(ctx.def) && ctx.actor.roles.includes('staff') ? await ctx.services.get(ConnectionsService).listForPerson(ctx.actor, id) : [];
  // Read only once the profile route let the reader in (404 outside their reach): what the
  // schedules will do to this dossier, and until when a legal hold keeps it.
  const retention = await ctx.services.get(RetentionForecastService).timeline(id, { history: false });
  return ctx.render('pages/dossier', ctx.t('dossier.title', { name: p.name }), {
    activity: await coachView(ctx, id),
    profile: p,
    state: profileStateText(p, ctx.t),
    shown: shownFields(ctx.def, p.fields, ctx.locale, ctx.t),
    consents: consents.items.map((c) => ({
      label: localised(ctx.def.consents.find((d) => d.key === c.purpose)?.label ?? c.label, ctx.locale, ctx.def),
      granted: c.granted,
      changedAt: c.changedAt,
    })),
    connections: connections.map((c) => ({ ...c, statusText: ctx.t(`connection.${c.status}`) })),
    retention: {
      heldUntil: retention.heldUntil,
      schedules: retention.schedules.map((r) => ({
        promise: r.promise ?? r.schedule,
        status: r.status,
        upcoming: r.upcoming.map((e) => ({ at: e.at, what: ctx.t(`dossier.retention-${e.kind}`) })),
      })),
    },
  });
}

/**
 * The person's activity for the staff who support them (`GET /activity/people/:id`, audited), where
 * the tenant records it. Staff who reach the dossier by a delegation the tenant does not let read
 * activity (a support team) see the dossier without it, as the route would answer them 404.
 */
async function coachView(ctx: PageContext, personId: string) {
  if (!ctx.actor.roles.includes('staff') || !ctx.def.activity) return null;
  try {
    return activityView(ctx, await ctx.services.get(ActivityReader).forPerson(ctx.actor, personId));
  } catch (err) {
    if (err instanceof NotFoundException) return null;
    throw err;
  }
}

/** As `GET /mail/templates`. */
function templates(ctx: PageContext) {
  const items = ctx.services.get(MailTemplatesService).catalogue(ctx.def);
  return Promise.resolve(ctx.render('pages/templates', ctx.t('templates.title'), { items }));
}

/** As `GET /mail/templates/:key/preview`: the template with its declared sample values. */
function preview(ctx: PageContext) {
  const key = ctx.params.key ?? '';
  const locale = one(ctx.query.locale);
  try {
    const svc = ctx.services.get(MailTemplatesService);
    const template = svc.resolve(ctx.def, key, locale);
    return { template, rendered: svc.renderSample(template) };
  } catch (err) {
    if (err instanceof UnknownTemplateError) throw new NotFoundException(err.message);
    throw err;
  }
}

async function previewPage(ctx: PageContext) {
  const { template, rendered } = preview(ctx);
  return ctx.render('pages/template-preview', ctx.t('templates.preview-title', { key: template.key }), {
    template,
    subject: rendered.subject,
    text: rendered.text,
    frame: `${ctx.base}/admin/templates/${encodeURIComponent(template.key)}/html?locale=${encodeURIComponent(template.locale)}`,
  });
}

/** As `GET /audit`, with the same filters: who did what to which dossier. */
async function audit(ctx: PageContext) {
  const filter = { subjectId: one(ctx.query.subjectId) ?? '', actorId: one(ctx.query.actorId) ?? '', before: one(ctx.query.before) ?? '' };
  const fields = [
    input('subjectId', ctx.t('audit.subject'), 'text', { value: filter.subjectId, dirLtr: true, maxlength: 36 }),
    input('actorId', ctx.t('audit.actor'), 'text', { value: filter.actorId, dirLtr: true, maxlength: 36 }),
  ];
  const problems = new FormProblems();
  for (const key of ['subjectId', 'actorId'] as const) if (filter[key] && !UUID.test(filter[key])) problems.add(key, 'must be a UUID');
  if (filter.before && !/^\d{1,18}$/.test(filter.before)) problems.add('before', 'must be a number');
  const errors = finishForm(fields, problems, (p) => fields.find((f) => f.name === p)?.label ?? p, ctx.locale);
  const items = errors.length
    ? []
    : await ctx.services.get(AuditService).list({
        subjectId: filter.subjectId || undefined,
        actorId: filter.actorId || undefined,
        before: filter.before || undefined,
        limit: 50,
      });
  const next = items.length === 50 ? `${ctx.base}/admin/audit?${new URLSearchParams({ ...filter, before: items[items.length - 1].id })}` : null;
  return ctx.render(
    'pages/audit',
    ctx.t('audit.title'),
    { fields, errors, items: items.map((i) => ({ ...i, detailsText: JSON.stringify(i.details) })), next },
    errors.length ? 400 : 200,
  );
}

export const staffPages: readonly PageRoute[] = [
  { method: 'GET', path: '/people/:id', access: STAFF, handler: dossier },
  { method: 'GET', path: '/admin/templates', access: ADMIN, handler: templates },
  { method: 'GET', path: '/admin/templates/:key', access: ADMIN, handler: previewPage },
  {
    method: 'GET',
    path: '/admin/templates/:key/html',
    access: ADMIN,
    handler: (ctx) => Promise.resolve({ kind: 'raw', status: 200, type: 'text/html; charset=utf-8', body: preview(ctx).rendered.html, framedMail: true }),
  },
  { method: 'GET', path: '/admin/audit', access: ADMIN, handler: audit },
];
