import { randomUUID } from 'node:crypto';
import { AccountPreferencesService } from '../../../auth/src/index.js';
import { ConsentService } from '../../../consent/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import type { ConsentPurpose } from '../../../plugin-api/src/index.js';
import { VacancySearchQuery, VacancySearchService } from '../../../vacancies/src/index.js';
import { assertValidBody } from '../../../http/src/index.js';
import { finishForm, FormProblems, input } from '../forms/form-model.js';
import { localised, pageLocales } from '../i18n/locales.js';
import { one, uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { PageRunner, safeNext } from '../http/page-runner.js';
import { PortalCookies } from '../session/cookies.js';

/**
 * Statistics cookies are a purpose of the portal itself, asked of every visitor (with or without
 * an account) and recorded in the tenant's consent ledger like every other consent.
 */
export const STATISTICS_COOKIES: ConsentPurpose = {
  key: 'statisticsCookies',
  label: { en: 'Statistics cookies', nl: 'Statistiekcookies' },
  text: {
    en: 'I allow this site to count my visits with a cookie holding a random number. Nothing is shared with others.',
    nl: 'Ik sta toe dat deze site mijn bezoeken telt met een cookie met een willekeurig nummer. Er wordt niets met anderen gedeeld.',
  },
  version: '2026-01',
  asked: 'once',
  withdrawable: true,
};

const YEAR_SECONDS = 365 * 24 * 3600;

function home(ctx: PageContext) {
  const intro = ctx.def.portal?.intro ? localised(ctx.def.portal.intro, ctx.locale, ctx.def) : ctx.t('home.intro');
  return Promise.resolve(ctx.render('pages/home', ctx.t('home.title', { name: ctx.branding.name }), { intro }));
}

async function vacancies(ctx: PageContext) {
  const q = { q: one(ctx.query.q) ?? '', city: one(ctx.query.city) ?? '', hours: one(ctx.query.hours) ?? '', cursor: one(ctx.query.cursor) };
  const fields = [
    input('q', ctx.t('vacancies.q'), 'text', { value: q.q, maxlength: 200 }),
    input('city', ctx.t('vacancies.city'), 'text', { value: q.city, maxlength: 100, autocomplete: 'address-level2' }),
    input('hours', ctx.t('vacancies.hours'), 'number', { value: q.hours, min: '1', max: '60', inputmode: 'numeric' }),
  ];
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v) query[k] = v;
  let page: { items: unknown[]; nextCursor: string | null } = { items: [], nextCursor: null };
  let problems: FormProblems | null = null;
  try {
    assertValidBody(VacancySearchQuery, query);
    const dto = Object.assign(new VacancySearchQuery(), query, query.hours ? { hours: Number(query.hours) } : {});
    page = await ctx.services.get(VacancySearchService).search(dto);
  } catch (err) {
    problems = FormProblems.from(err);
    if (!problems) throw err;
  }
  const errors = finishForm(fields, problems, (p) => fields.find((f) => f.name === p)?.label ?? p, ctx.locale);
  const next = page.nextCursor ? `${ctx.base}/vacancies?${new URLSearchParams({ ...query, cursor: page.nextCursor })}` : null;
  return ctx.render('pages/vacancies', ctx.t('vacancies.title'), { fields, items: page.items, next, errors }, errors.length ? 400 : 200);
}

async function vacancy(ctx: PageContext) {
  const v = await ctx.services.get(VacancySearchService).get(uuidParam(ctx, 'id'));
  const jobseeker = ctx.actor.roles.includes('jobseeker');
  // A tenant's own apply page asks its own questions, and opens for visitors without an account too.
  const own = ctx.def.portal?.applyPage;
  const applyUrl = own ? `${ctx.base}/x/${own}?vacancy=${v.id}` : `${ctx.base}/vacancies/${v.id}/apply`;
  return ctx.render('pages/vacancy', v.title, {
    vacancy: v,
    contract: v.contractType,
    education: v.educationLevel,
    canApply: jobseeker || (!!own && ctx.actor.kind !== 'account'),
    applyUrl,
    showSignIn: ctx.actor.kind !== 'account',
    applyNext: encodeURIComponent(applyUrl),
  });
}

function accessibility(ctx: PageContext) {
  const a = ctx.def.portal?.accessibility;
  const organisation = a?.organisation ?? ctx.def.name;
  const status = a?.status ?? 'partially-compliant';
  return Promise.resolve(
    ctx.render('pages/accessibility', ctx.t('accessibility.title'), {
      intro: ctx.t('accessibility.intro', { organisation, site: ctx.branding.name }),
      status: ctx.t(`accessibility.status-${status}`),
      evaluation: a?.evaluation ? localised(a.evaluation, ctx.locale, ctx.def) : ctx.t('accessibility.evaluation-default'),
      issues: (a?.knownIssues ?? []).map((i) => localised(i, ctx.locale, ctx.def)),
      contact: a ? ctx.t('accessibility.contact-text', { email: a.contact.email, days: a.contact.responseDays ?? 5 }) : null,
      contactEmail: a?.contact.email ?? null,
      date: a?.statementDate ?? null,
    }),
  );
}

function privacy(ctx: PageContext) {
  const { def, locale, t } = ctx;
  const fields = def.profile.fields.map((f) => ({
    label: localised(f.label, locale, def),
    purpose: f.purpose ?? '',
    readers: f.read.map((a) => t(`audience.${a}`)).join(', '),
    special: !!f.specialCategory,
  }));
  const consents = [...def.consents, STATISTICS_COOKIES].map((c) => ({ label: localised(c.label, locale, def), text: localised(c.text, locale, def) }));
  const retention = def.retention.map((s) => ({ kind: s.personKind, promise: s.promise ?? '', finalAction: s.finalAction }));
  return Promise.resolve(ctx.render('pages/privacy', t('privacy.title'), { intro: t('privacy.intro', { name: ctx.branding.name }), fields, consents, retention }));
}

function cookiesPage(ctx: PageContext) {
  const cookies = new PortalCookies(ctx.config.isProduction, ctx.tenant.key);
  const statistics = (cookies.read(ctx.req, 'choice') ?? '').startsWith('statistics');
  const list = [
    { name: cookies.name('session'), purpose: ctx.t('site.sign-in'), essential: true },
    { name: cookies.name('language'), purpose: ctx.t('site.language'), essential: true },
    { name: cookies.name('choice'), purpose: ctx.t('cookies.choice'), essential: true },
    { name: (ctx.config.isProduction ? '__Secure-' : '') + 'portal_csrf', purpose: 'CSRF', essential: true },
    { name: cookies.name('stats'), purpose: localised(STATISTICS_COOKIES.label, ctx.locale), essential: false },
  ];
  return Promise.resolve(
    ctx.render('pages/cookies', ctx.t('cookies.title'), {
      statistics,
      list,
      consentText: localised(STATISTICS_COOKIES.text, ctx.locale),
    }),
  );
}

/**
 * The cookie choice, from the cookie page or any page's footer: recorded in the consent ledger
 * (under the account, or a random id kept in the choice cookie for a visitor without one), and the
 * statistics cookie set or removed accordingly.
 */
async function chooseCookies(ctx: PageContext) {
  const choice = ctx.form.choice === 'statistics' ? 'statistics' : 'essential';
  const cookies = new PortalCookies(ctx.config.isProduction, ctx.tenant.key);
  const [before, ledgerId] = (cookies.read(ctx.req, 'choice') ?? '').split(':');
  const person = ctx.actor.accountId ?? (ledgerId && /^[0-9a-f-]{36}$/.test(ledgerId) ? ledgerId : randomUUID());
  if ((before || 'essential') !== choice || !before) {
    const purpose = STATISTICS_COOKIES;
    const locale = ctx.def.locales.includes(ctx.locale) ? ctx.locale : 'en';
    await ctx.services.get(TenantDb).transaction((tx) =>
      ctx.services
        .get(ConsentService)
        .record(tx, ctx.actor, person, purpose, choice === 'statistics', localised(purpose.text, locale), purpose.version, { channel: 'web', locale }),
    );
  }
  cookies.set(ctx.reply, 'choice', `${choice}:${person}`, { maxAge: YEAR_SECONDS });
  if (choice === 'statistics') {
    if (!cookies.read(ctx.req, 'stats')) cookies.set(ctx.reply, 'stats', PageRunner.visitorId(), { maxAge: YEAR_SECONDS });
  } else cookies.clear(ctx.reply, 'stats');
  return ctx.redirect(safeNext(ctx.base, ctx.form.back), 'cookies-saved');
}

/** The page language, remembered in a cookie and, for a signed-in person, on their account. */
async function chooseLanguage(ctx: PageContext) {
  const lang = ctx.form.lang ?? '';
  if (pageLocales(ctx.def).includes(lang)) {
    new PortalCookies(ctx.config.isProduction, ctx.tenant.key).set(ctx.reply, 'language', lang, { maxAge: YEAR_SECONDS });
    if (ctx.actor.accountId) await ctx.services.get(AccountPreferencesService).setLocale(ctx.actor.accountId, lang);
  }
  return ctx.redirect(safeNext(ctx.base, ctx.form.back));
}

export const publicPages: readonly PageRoute[] = [
  { method: 'GET', path: '/', access: 'public', handler: home },
  { method: 'GET', path: '/vacancies', access: 'public', handler: vacancies },
  { method: 'GET', path: '/vacancies/:id', access: 'public', handler: vacancy },
  { method: 'GET', path: '/accessibility', access: 'public', handler: accessibility },
  { method: 'GET', path: '/privacy', access: 'public', handler: privacy },
  { method: 'GET', path: '/cookies', access: 'public', handler: cookiesPage },
  { method: 'POST', path: '/cookies', access: 'public', handler: chooseCookies },
  { method: 'POST', path: '/language', access: 'public', handler: chooseLanguage },
];
