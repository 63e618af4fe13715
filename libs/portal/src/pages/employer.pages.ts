import { ConnectionsService } from '../../../connections/src/index.js';
import { assertValidBody, ValidationProblem } from '../../../http/src/index.js';
import { ProfileReaderService } from '../../../profiles/src/index.js';
import { ProfileSearchService, SEARCH_COUNT_CAP, type SearchResult } from '../../../search/src/index.js';
import type { Role, TenantDefinition } from '../../../plugin-api/src/index.js';
import type { Actor } from '../../../context/src/index.js';
import {
  ApplicationsService,
  CONTRACT_TYPES,
  CreateVacancyDto,
  EDUCATION_LEVELS,
  RECRUITER_STATUSES,
  VacanciesService,
} from '../../../vacancies/src/index.js';
import { finishForm, FormProblems, input, type FieldView } from '../forms/form-model.js';
import { localised } from '../i18n/locales.js';
import { optionLabel } from '../forms/profile-form.js';
import { connectionsOffered, maySearch } from '../http/navigation.js';
import { one, profileRefParam, uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { formPage, problemsOf } from './form-page.js';
import { shownFields } from './profile-view.js';

const MANAGERS: readonly Role[] = ['employer', 'staff', 'tenant-admin'];
const SEARCHERS: readonly Role[] = ['employer', 'staff', 'tenant-admin', 'partner'];
/** The tenant decides which roles search its candidate bank (visibility.candidateBank.searchers). */
const searcher = (def: TenantDefinition, actor: Actor) => maySearch(def, actor.roles);

// ---------------------------------------------------------------- vacancies and applications

async function managedVacancies(ctx: PageContext) {
  const page = await ctx.services.get(VacanciesService).listManaged(ctx.actor, { cursor: one(ctx.query.cursor) });
  const items = page.items.map((v) => ({ ...v, statusText: ctx.t(`vacancy-status.${v.status}`) }));
  const next = page.nextCursor ? `${ctx.base}/manage/vacancies?cursor=${encodeURIComponent(page.nextCursor)}` : null;
  return ctx.render('pages/manage-vacancies', ctx.t('manage.title'), { items, next });
}

function vacancyForm(ctx: PageContext, values: Record<string, string> = {}, problems: FormProblems | null = null) {
  const select = (name: string, label: string, options: readonly string[]) =>
    input(name, label, 'select', {
      required: true,
      value: values[name] ?? '',
      options: [{ value: '', label: '—', selected: !values[name] }, ...options.map((o) => ({ value: o, label: o, selected: values[name] === o }))],
    });
  const fields: FieldView[] = [
    input('title', ctx.t('manage.vacancy-title'), 'text', { value: values.title ?? '', required: true, maxlength: 200 }),
    input('description', ctx.t('manage.description'), 'textarea', { value: values.description ?? '', required: true, help: ctx.t('manage.description-help'), maxlength: 20000, rows: 8 }),
    input('location.city', ctx.t('vacancies.city'), 'text', { value: values['location.city'] ?? '', required: true, maxlength: 100 }),
    input('hours.min', ctx.t('manage.hours-min'), 'number', { value: values['hours.min'] ?? '', required: true, min: '1', max: '60', inputmode: 'numeric' }),
    input('hours.max', ctx.t('manage.hours-max'), 'number', { value: values['hours.max'] ?? '', required: true, min: '1', max: '60', inputmode: 'numeric' }),
    select('contractType', ctx.t('vacancies.contract'), CONTRACT_TYPES),
    select('educationLevel', ctx.t('vacancies.education'), EDUCATION_LEVELS),
    input('publishUntil', ctx.t('manage.publish-until'), 'date', { value: values.publishUntil ?? '', required: true, dirLtr: true }),
    input('publish', ctx.t('manage.publish'), 'checkbox', { checked: values.publish === 'on' }),
  ];
  return formPage(ctx, { title: ctx.t('manage.form-title'), action: `${ctx.base}/manage/vacancies/new`, fields, submit: ctx.t('manage.submit'), problems });
}

const int = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s) : s);

/** As `POST /manage/vacancies`: the same DTO check and the same use case. */
async function createVacancy(ctx: PageContext) {
  const f = ctx.form;
  const body = {
    title: f.title ?? '',
    description: f.description ?? '',
    location: { city: f['location.city'] ?? '' },
    hours: { min: int(f['hours.min']), max: int(f['hours.max']) },
    contractType: f.contractType ?? '',
    educationLevel: f.educationLevel ?? '',
    publishUntil: f.publishUntil ?? '',
    status: f.publish === 'on' ? 'published' : 'draft',
  };
  try {
    assertValidBody(CreateVacancyDto, body);
    await ctx.services.get(VacanciesService).create(ctx.actor, Object.assign(new CreateVacancyDto(), body));
  } catch (err) {
    return vacancyForm(ctx, f as Record<string, string>, problemsOf(err, ctx));
  }
  return ctx.redirect('/manage/vacancies', 'vacancy-saved');
}

async function vacancyApplications(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const vacancy = await ctx.services.get(VacanciesService).getManaged(ctx.actor, id);
  const items = (await ctx.services.get(ApplicationsService).listForVacancy(ctx.actor, id)).map((a) => ({
    ...a,
    statusText: ctx.t(`status.${a.status}`),
    statuses: RECRUITER_STATUSES.map((s) => ({ value: s, label: ctx.t(`status.${s}`), selected: s === a.status })),
    open: !['rejected', 'hired', 'withdrawn'].includes(a.status),
  }));
  return ctx.render('pages/vacancy-applications', ctx.t('manage.view-applications', { title: vacancy.title }), { vacancy, items });
}

async function changeStatus(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const status = ctx.form.status ?? '';
  if (!(RECRUITER_STATUSES as readonly string[]).includes(status))
    throw new ValidationProblem([{ field: 'status', reason: `must be one of: ${RECRUITER_STATUSES.join(', ')}` }], 400);
  await ctx.services.get(ApplicationsService).changeStatus(ctx.actor, id, status as (typeof RECRUITER_STATUSES)[number]);
  const back = /^[0-9a-f-]{36}$/.test(ctx.form.vacancyId ?? '') ? `/manage/vacancies/${ctx.form.vacancyId}/applications` : '/manage/vacancies';
  return ctx.redirect(back, 'status-saved');
}

// ---------------------------------------------------------------- the candidate bank

/**
 * Candidate-bank search as this tenant lets the reader search: `GET /search/profiles` with the
 * same query parameters, filters with counts, and each hit as its projection allows.
 */
async function search(ctx: PageContext, people: boolean) {
  const { def, locale, t } = ctx;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.query)) {
    const value = one(v);
    if (value && (k === 'q' || k === 'cursor' || /^filter\[[A-Za-z0-9]+\]$/.test(k))) query[k] = value;
  }
  let result: SearchResult = { items: [], nextCursor: null };
  let problems: FormProblems | null = null;
  try {
    result = await ctx.services.get(ProfileSearchService).search(ctx.actor, query);
  } catch (err) {
    problems = FormProblems.from(err);
    if (!problems) throw err;
  }
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const filters = Object.entries(result.facets ?? {}).map(([key, values]) => {
    const field = def.profile.fields.find((f) => f.key === key);
    const name = `filter[${key}]`;
    return input(name, field ? localised(field.label, locale, def) : key, 'select', {
      options: [
        { value: '', label: t('candidates.all'), selected: !query[name] },
        ...values.map((v) => ({
          value: v.value,
          // Without a count the option shows none: a number from part of the matches would mislead.
          label: v.count === null ? optionLabel(t, key, v.value) : `${optionLabel(t, key, v.value)} (${number(v.count)})`,
          selected: query[name]?.toLowerCase() === v.value,
        })),
      ],
    });
  });
  const fields = [input('q', t('candidates.q'), 'text', { value: query.q ?? '', maxlength: 200 }), ...filters];
  const errors = finishForm(fields, problems, (p) => p, locale);
  const hits = result.items.map((h) => ({
    ...h,
    // Staff open the dossier by the internal id; everyone else knows a candidate by the handle only.
    href: people && h.id ? `${ctx.base}/people/${h.id}` : `${ctx.base}/candidates/${h.handle}`,
    shown: shownFields(def, h.fields, locale, t).slice(0, 4),
  }));
  const nextQuery = result.nextCursor ? new URLSearchParams({ ...query, cursor: result.nextCursor }).toString() : null;
  return ctx.render(
    'pages/candidates',
    t(people ? 'people.title' : 'candidates.title'),
    {
      intro: t(people ? 'people.intro' : 'candidates.intro'),
      action: `${ctx.base}/${people ? 'people' : 'candidates'}`,
      fields,
      hits,
      // Above the cap the search knows only that there are at least that many: "1.000+" / "1,000+".
      total:
        result.total === undefined
          ? null
          : t(result.totalCapped ? 'candidates.total-capped' : 'candidates.total', { count: number(result.total) }),
      countsNotMade: result.facetsCounted === false ? t('candidates.counts-not-made', { count: number(SEARCH_COUNT_CAP) }) : null,
      // Said on every page of the search, not only the first: each page's order is bounded alike.
      rankedWithin: result.rankedWithin ? t('candidates.ranked-within', { count: number(result.rankedWithin) }) : null,
      next: nextQuery ? `${ctx.base}/${people ? 'people' : 'candidates'}?${nextQuery}` : null,
      errors,
    },
    errors.length ? 400 : 200,
  );
}

/** One candidate as this reader may see them (`GET /profiles/:handle`: projected, audited, 404 out of reach). */
async function candidate(ctx: PageContext, problems: FormProblems | null = null) {
  const id = profileRefParam(ctx, 'id');
  const p = await ctx.services.get(ProfileReaderService).read(ctx.actor, id);
  const canConnect = connectionsOffered(ctx.def) && ctx.actor.roles.includes('employer') && p.identityHidden;
  const errors = problems ? problems.apply([], (x) => x, ctx.locale) : [];
  return ctx.render(
    'pages/candidate',
    p.name,
    {
      profile: p,
      shown: shownFields(ctx.def, p.fields, ctx.locale, ctx.t),
      hiddenNote: p.identityHidden ? ctx.t(p.state === 'anonymous' ? 'candidates.anonymous' : 'candidates.identity-hidden') : null,
      canConnect,
      connect: canConnect
        ? input('message', ctx.t('connections.request-message'), 'textarea', { value: ctx.form.message ?? '', maxlength: 1000, rows: 3 })
        : null,
      errors,
    },
    errors.length ? 409 : 200,
  );
}

/** As `POST /connections`. */
async function requestConnection(ctx: PageContext) {
  const id = profileRefParam(ctx, 'id');
  try {
    await ctx.services.get(ConnectionsService).request(ctx.actor, { profileHandle: id, message: ctx.form.message?.trim() || undefined });
  } catch (err) {
    return candidate(ctx, problemsOf(err, ctx));
  }
  return ctx.redirect('/connections', 'connection-sent');
}

// ---------------------------------------------------------------- connections, both sides

async function connections(ctx: PageContext) {
  const rows = (await ctx.services.get(ConnectionsService).list(ctx.actor)) as Record<string, unknown>[];
  const jobseeker = ctx.actor.roles.includes('jobseeker');
  const items = rows.map((r) => ({
    ...r,
    statusText: ctx.t(`connection.${String(r.status)}`),
    canAnswer: jobseeker && r.status === 'requested',
    // As the chat use case allows: both sides while accepted, the person also after it ended.
    canChat: r.status === 'accepted' || (jobseeker && r.status === 'withdrawn'),
    canWithdraw: jobseeker ? r.status === 'accepted' : r.status === 'requested' || r.status === 'accepted',
    name: jobseeker ? (r.organisation as { name: string }).name : String(r.alias ?? ''),
  }));
  return ctx.render('pages/connections', ctx.t('connections.title'), {
    intro: ctx.t(jobseeker ? 'connections.intro-jobseeker' : 'connections.intro-employer'),
    jobseeker,
    items,
  });
}

async function answerConnection(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const service = ctx.services.get(ConnectionsService);
  const action = ctx.params.action;
  if (action === 'accept' && ctx.actor.roles.includes('jobseeker')) await service.accept(ctx.actor, id);
  else if (action === 'decline' && ctx.actor.roles.includes('jobseeker')) await service.decline(ctx.actor, id);
  else if (action === 'withdraw') await service.withdraw(ctx.actor, id);
  else throw new ValidationProblem([{ field: 'action', reason: 'must be accept, decline or withdraw' }], 404);
  return ctx.redirect('/connections', 'connection-answered');
}

export const employerPages: readonly PageRoute[] = [
  { method: 'GET', path: '/manage/vacancies', access: MANAGERS, handler: managedVacancies },
  { method: 'GET', path: '/manage/vacancies/new', access: MANAGERS, handler: (ctx) => Promise.resolve(vacancyForm(ctx)) },
  { method: 'POST', path: '/manage/vacancies/new', access: MANAGERS, handler: createVacancy },
  { method: 'GET', path: '/manage/vacancies/:id/applications', access: ['employer', 'staff'], handler: vacancyApplications },
  { method: 'POST', path: '/applications/:id/status', access: ['employer', 'staff'], handler: changeStatus },
  { method: 'GET', path: '/candidates', access: SEARCHERS, permits: searcher, handler: (ctx) => search(ctx, false) },
  { method: 'GET', path: '/candidates/:id', access: SEARCHERS, handler: (ctx) => candidate(ctx) },
  { method: 'POST', path: '/candidates/:id/connect', access: ['employer'], offered: connectionsOffered, handler: requestConnection },
  { method: 'GET', path: '/connections', access: ['employer', 'jobseeker'], offered: connectionsOffered, handler: connections },
  { method: 'POST', path: '/connections/:id/:action', access: ['employer', 'jobseeker'], offered: connectionsOffered, handler: answerConnection },
  { method: 'GET', path: '/people', access: ['staff', 'tenant-admin'], permits: searcher, handler: (ctx) => search(ctx, true) },
];
