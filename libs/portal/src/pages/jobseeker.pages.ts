import { NotFoundException } from '@nestjs/common';
import { ConsentService } from '../../../consent/src/index.js';
import { assertValidBody, ValidationProblem } from '../../../http/src/index.js';
import {
  LISTED_STATES,
  ProfileDocumentsService,
  ProfileReaderService,
  ProfileStatesService,
  ProfileWriterService,
} from '../../../profiles/src/index.js';
import { personKindOf } from '../../../auth/src/index.js';
import { ApplicationsService, ApplyDto, VacancySearchService } from '../../../vacancies/src/index.js';
import type { Role } from '../../../plugin-api/src/index.js';
import { finishForm, FormProblems, input, type FieldView } from '../forms/form-model.js';
import { fieldsFromForm, labelOfPath, postedRows, profileFormFields, selfWritable } from '../forms/profile-form.js';
import { localised, mailLocale } from '../i18n/locales.js';
import { uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { formPage, problemsOf } from './form-page.js';
import { profileStateText } from './profile-view.js';

const JOBSEEKER: readonly Role[] = ['jobseeker'];

type Own = Awaited<ReturnType<ProfileReaderService['own']>>;

const own = (ctx: PageContext) => ctx.services.get(ProfileReaderService).own(ctx.actor);

// ---------------------------------------------------------------- profile

interface ProfileState {
  readonly values?: Record<string, unknown>;
  readonly problems?: FormProblems | null;
  readonly extraRows?: Record<string, number>;
}

/** The profile page: listing, the declared fields as a form, documents and a way to the consents. */
async function profilePage(ctx: PageContext, state: ProfileState = {}) {
  const { def, locale, t } = ctx;
  let me: Own;
  try {
    me = await own(ctx);
  } catch (err) {
    // An account made by an administrator rather than through registration has no profile.
    if (err instanceof NotFoundException) return ctx.render('pages/message', t('profile.title'), { paragraphs: [t('profile.none')], links: [] }, 404);
    throw err;
  }
  const granted = new Set(me.consents.filter((c) => c.granted).map((c) => c.purpose));
  const values = state.values ?? me.fields;
  const fields = profileFormFields({ def, locale, t, values, granted, extraRows: state.extraRows });
  const problems = state.problems ?? null;
  const errors = finishForm(fields, problems, labelOfPath(def, locale, t, { document: t('profile.documents') }), locale);
  const readOnly = def.profile.fields
    .filter((f) => f.type !== 'document' && !selfWritable(f) && me.fields[f.key] !== undefined)
    .map((f) => ({ label: localised(f.label, locale, def), value: String(me.fields[f.key]), note: t('profile.written-by-staff') }));
  const documents = def.profile.fields
    .filter((f) => f.type === 'document' && f.write.includes('self'))
    .map((f) => {
      const label = localised(f.label, locale, def);
      const needsConsent = !!f.consent && !granted.has(f.consent);
      const consentLabel = f.consent ? localised(def.consents.find((c) => c.key === f.consent)?.label ?? f.consent, locale, def) : '';
      return {
        key: f.key,
        label,
        inputId: `upload-${f.key}`,
        accepts: t('profile.accepts', { types: (f.accept ?? []).join(', ') }),
        files: me.documents.filter((d) => d.field === f.key),
        needsConsent,
        consentNote: needsConsent ? t('profile.needs-consent', { consent: consentLabel }) : null,
        error: problems?.at(`document.${f.key}`, locale) ?? null,
      };
    });
  return ctx.render(
    'pages/profile',
    t('profile.title'),
    {
      me,
      stateText: profileStateText(me, t),
      listedUntil: me.listedUntil ?? null,
      listed: me.state !== undefined && LISTED_STATES.includes(me.state),
      canAnonymise: def.visibility.candidateBank.employerIdentity === 'unless-anonymous',
      fields,
      readOnly,
      documents,
      errors,
      uploadToken: ctx.csrf(),
    },
    errors.length ? 422 : 200,
  );
}

async function saveProfile(ctx: PageContext) {
  const writable = ctx.def.profile.fields.filter(selfWritable);
  const values = fieldsFromForm(writable, ctx.form);
  const add = ctx.form._add;
  if (add && writable.some((f) => f.key === add && f.type === 'object-list')) {
    // "Add another entry": the form comes back with what was typed and one empty row more; nothing is saved.
    const kept = Array.isArray(values[add]) ? (values[add] as unknown[]).length : 0;
    return profilePage(ctx, { values, extraRows: { [add]: Math.max(1, postedRows(ctx.form, `fields.${add}`) + 1 - kept) } });
  }
  try {
    await ctx.services.get(ProfileWriterService).updateOwn(ctx.actor, values);
  } catch (err) {
    return profilePage(ctx, { values, problems: problemsOf(err, ctx) });
  }
  return ctx.redirect('/profile', 'saved');
}

async function changeListing(ctx: PageContext) {
  const states = ctx.services.get(ProfileStatesService);
  try {
    if (ctx.form.action === 'activate') await states.activate(ctx.actor);
    else if (ctx.form.action === 'anonymise') await states.anonymise(ctx.actor);
    else if (ctx.form.action === 'inactivate') await states.inactivate(ctx.actor);
    else if (ctx.form.action === 'visibility') await states.setVisibleToEmployers(ctx.actor, ctx.form.visible === 'on');
    else throw new ValidationProblem([{ field: 'action', reason: 'must be activate, anonymise, inactivate or visibility' }], 400);
  } catch (err) {
    return profilePage(ctx, { problems: problemsOf(err, ctx) });
  }
  return ctx.redirect('/profile', 'listing-saved');
}

async function upload(ctx: PageContext) {
  const field = ctx.params.field ?? '';
  try {
    await ctx.services.get(ProfileDocumentsService).upload(ctx.actor, ctx.req, field);
  } catch (err) {
    const found = FormProblems.from(err);
    if (!found) throw err;
    const problems = new FormProblems();
    for (const path of found.paths()) problems.add(`document.${field}`, found.at(path, 'en') ?? '');
    return profilePage(ctx, { problems });
  }
  return ctx.redirect('/profile', 'uploaded');
}

async function deleteDocument(ctx: PageContext) {
  await ctx.services.get(ProfileDocumentsService).deleteOwn(ctx.actor, uuidParam(ctx, 'id'));
  return ctx.redirect('/profile', 'deleted');
}

// ---------------------------------------------------------------- consents

async function consentsPage(ctx: PageContext, problems: FormProblems | null = null) {
  const list = await ctx.services.get(ConsentService).list(ctx.actor.accountId!, mailLocale(ctx.def, ctx.locale));
  const items = list.items.map((c) => {
    const declared = ctx.def.consents.find((p) => p.key === c.purpose);
    return {
      ...c,
      label: declared ? localised(declared.label, ctx.locale, ctx.def) : c.label,
      text: declared ? localised(declared.text, ctx.locale, ctx.def) : c.text,
      perUse: c.asked === 'per-use',
      canWithdraw: c.granted && c.withdrawable,
    };
  });
  const errors = problems ? problems.apply([], (p) => p, ctx.locale) : [];
  return ctx.render('pages/consents', ctx.t('consents.title'), { items, errors }, errors.length ? 422 : 200);
}

async function decideConsent(ctx: PageContext) {
  const consents = ctx.services.get(ConsentService);
  const me = { id: ctx.actor.accountId!, kind: personKindOf(ctx.actor.roles as Role[]) };
  const purpose = ctx.params.purpose ?? '';
  try {
    if (ctx.form.decision === 'grant')
      await consents.grant(ctx.actor, me.id, purpose, { version: ctx.form.version, locale: mailLocale(ctx.def, ctx.locale), channel: 'web', selfKind: me.kind });
    else await consents.withdraw(ctx.actor, me.id, purpose, { channel: 'web', selfKind: me.kind });
  } catch (err) {
    return consentsPage(ctx, problemsOf(err, ctx));
  }
  return ctx.redirect('/consents', 'consent-saved');
}

// ---------------------------------------------------------------- applying

/** The tenant's own apply page, when it declares one: the platform's form would skip its questions. */
function tenantApplyPage(ctx: PageContext, id: string) {
  const own = ctx.def.portal?.applyPage;
  return own ? ctx.redirect(`${ctx.base}/x/${own}?vacancy=${id}`) : null;
}

async function applyForm(ctx: PageContext, values: { motivation?: string; documentIds?: string[] } = {}, problems: FormProblems | null = null) {
  const id = uuidParam(ctx, 'id');
  const elsewhere = tenantApplyPage(ctx, id);
  if (elsewhere) return elsewhere;
  const vacancy = await ctx.services.get(VacancySearchService).get(id);
  const me = await own(ctx);
  const chosen = new Set(values.documentIds ?? []);
  const fields: FieldView[] = [
    input('motivation', ctx.t('apply.motivation'), 'textarea', { value: values.motivation ?? '', required: true, help: ctx.t('apply.motivation-help'), maxlength: 10000, rows: 8 }),
  ];
  if (me.documents.length)
    fields.push(
      input('documentIds', ctx.t('apply.documents'), 'checkboxes', {
        options: me.documents.map((d) => ({ value: d.id, label: d.fileName, selected: chosen.has(d.id), name: `document#${d.id}` })),
      }),
    );
  return formPage(ctx, {
    title: ctx.t('apply.title', { title: vacancy.title }),
    action: `${ctx.base}/vacancies/${id}/apply`,
    fields,
    submit: ctx.t('apply.submit'),
    problems,
  });
}

/** As `POST /vacancies/:id/applications`: the same DTO check and the same use case. */
async function apply(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const elsewhere = tenantApplyPage(ctx, id);
  if (elsewhere) return elsewhere;
  const documentIds = Object.keys(ctx.form)
    .filter((k) => k.startsWith('document#') && ctx.form[k] === 'on')
    .map((k) => k.slice('document#'.length));
  const body = { motivation: ctx.form.motivation ?? '', ...(documentIds.length ? { documentIds } : {}) };
  try {
    assertValidBody(ApplyDto, body);
    await ctx.services.get(ApplicationsService).apply(ctx.actor, id, Object.assign(new ApplyDto(), { ...body, motivation: body.motivation.trim() }));
  } catch (err) {
    return applyForm(ctx, body, problemsOf(err, ctx));
  }
  return ctx.redirect('/applications', 'applied');
}

async function applications(ctx: PageContext) {
  const items = (await ctx.services.get(ApplicationsService).listMine(ctx.actor)).map((a) => ({
    ...a,
    statusText: ctx.t(`status.${a.status}`),
    open: a.status === 'submitted' || a.status === 'in-review',
  }));
  return ctx.render('pages/applications', ctx.t('applications.title'), { items });
}

async function withdrawApplication(ctx: PageContext) {
  await ctx.services.get(ApplicationsService).withdraw(ctx.actor, uuidParam(ctx, 'id'));
  return ctx.redirect('/applications', 'withdrawn');
}

export const jobseekerPages: readonly PageRoute[] = [
  { method: 'GET', path: '/profile', access: JOBSEEKER, handler: (ctx) => profilePage(ctx) },
  { method: 'POST', path: '/profile', access: JOBSEEKER, handler: saveProfile },
  { method: 'POST', path: '/profile/listing', access: JOBSEEKER, handler: changeListing },
  { method: 'POST', path: '/profile/documents/:field', access: JOBSEEKER, handler: upload, multipart: true },
  { method: 'POST', path: '/profile/documents/:id/delete', access: JOBSEEKER, handler: deleteDocument },
  { method: 'GET', path: '/consents', access: 'signed-in', handler: (ctx) => consentsPage(ctx) },
  { method: 'POST', path: '/consents/:purpose', access: 'signed-in', handler: decideConsent },
  { method: 'GET', path: '/vacancies/:id/apply', access: JOBSEEKER, handler: (ctx) => applyForm(ctx) },
  { method: 'POST', path: '/vacancies/:id/apply', access: JOBSEEKER, handler: apply },
  { method: 'GET', path: '/applications', access: JOBSEEKER, handler: applications },
  { method: 'POST', path: '/applications/:id/withdraw', access: JOBSEEKER, handler: withdrawApplication },
];

