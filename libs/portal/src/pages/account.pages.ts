import { AccountPreferencesService } from '../../../auth/src/index.js';
import { ValidationProblem } from '../../../http/src/index.js';
import { FormProblems, input, type FieldView } from '../forms/form-model.js';
import { fieldsFromForm, labelOfPath, profileFormFields, registrationFields } from '../forms/profile-form.js';
import { mailLocale, pageLocales } from '../i18n/locales.js';
import { one, type PageContext, type PageRoute } from '../http/page.js';
import { safeNext } from '../http/page-runner.js';
import { AccountGateway } from '../session/account-gateway.js';
import { PortalCookies } from '../session/cookies.js';
import { PageSessions } from '../session/page-session.js';
import { formPage, problemsOf } from './form-page.js';
import { mailboxEnabled } from '../dev/dev-mailbox.js';

const YEAR_SECONDS = 365 * 24 * 3600;

const gateway = (ctx: PageContext) => ctx.services.get(AccountGateway);

function passwordField(ctx: PageContext, name = 'password', autocomplete = 'new-password'): FieldView {
  return input(name, ctx.t('register.password'), 'password', {
    required: true,
    autocomplete,
    help: autocomplete === 'new-password' ? ctx.t('register.password-help') : undefined,
    maxlength: 128,
    dirLtr: true,
  });
}

// ---------------------------------------------------------------- registration

function registrationForm(ctx: PageContext, values: Record<string, unknown>, email: string, problems: FormProblems | null) {
  const declared = profileFormFields({ def: ctx.def, locale: ctx.locale, t: ctx.t, values, granted: new Set() }, (f) =>
    registrationFields(ctx.def).includes(f),
  );
  const fields: FieldView[] = [
    input('email', ctx.t('register.email'), 'email', { value: email, required: true, autocomplete: 'email', maxlength: 254, dirLtr: true }),
    ...(gateway(ctx).passwordAt === 'registration' ? [passwordField(ctx)] : []),
    ...declared,
  ];
  const labels = { email: ctx.t('register.email'), password: ctx.t('register.password'), locale: ctx.t('site.language') };
  return formPage(
    ctx,
    {
      title: ctx.t('register.title'),
      intro: [ctx.t('register.intro')],
      action: `${ctx.base}/register`,
      fields,
      submit: ctx.t('register.submit'),
      problems,
      links: [{ href: `${ctx.base}/sign-in`, text: ctx.t('site.sign-in') }],
    },
    labelOfPath(ctx.def, ctx.locale, ctx.t, labels),
  );
}

async function register(ctx: PageContext) {
  const fields = fieldsFromForm(registrationFields(ctx.def), ctx.form);
  const email = (ctx.form.email ?? '').trim();
  try {
    await gateway(ctx).register({ email, password: ctx.form.password ?? '', fields, locale: mailLocale(ctx.def, ctx.locale) });
  } catch (err) {
    return registrationForm(ctx, fields, email, problemsOf(err, ctx));
  }
  return ctx.redirect('/register/sent');
}

function registered(ctx: PageContext) {
  const paragraphs = [ctx.t('register.sent')];
  const links = [];
  if (mailboxEnabled(ctx.config)) {
    paragraphs.push(ctx.t('register.sent-dev'));
    links.push({ href: `${ctx.base}/dev/mailbox`, text: ctx.t('site.mailbox') });
  }
  return Promise.resolve(ctx.render('pages/message', ctx.t('register.sent-title'), { paragraphs, links }));
}

// ---------------------------------------------------------------- verification

function verifyForm(ctx: PageContext, token: string, problems: FormProblems | null) {
  const withPassword = gateway(ctx).passwordAt === 'verification';
  return formPage(ctx, {
    title: ctx.t('verify.title'),
    intro: [ctx.t('verify.intro'), ...(withPassword ? [ctx.t('verify.password-intro')] : [])],
    action: `${ctx.base}/verify`,
    fields: withPassword ? [passwordField(ctx)] : [],
    hidden: [{ name: 'token', value: token }],
    submit: ctx.t('verify.submit'),
    problems,
    labels: { password: ctx.t('register.password') },
  });
}

/** A GET never confirms anything: a mail scanner following the link must not use it up. */
function verifyPage(ctx: PageContext) {
  return Promise.resolve(verifyForm(ctx, one(ctx.query.token) ?? '', null));
}

async function verify(ctx: PageContext) {
  const token = ctx.form.token ?? '';
  try {
    await gateway(ctx).verify(token, ctx.form.password);
  } catch (err) {
    const problems = problemsOf(err, ctx);
    if (err instanceof ValidationProblem && err.errors.some((e) => e.field === 'token'))
      return ctx.render('pages/message', ctx.t('verify.title'), { paragraphs: [ctx.t('verify.invalid')], links: [{ href: `${ctx.base}/register`, text: ctx.t('site.register') }] }, 400);
    return verifyForm(ctx, token, problems);
  }
  return ctx.redirect('/sign-in', 'verified');
}

// ---------------------------------------------------------------- sign-in and out

function signInForm(ctx: PageContext, email: string, next: string, problems: FormProblems | null) {
  return formPage(ctx, {
    title: ctx.t('sign-in.title'),
    action: `${ctx.base}/sign-in`,
    fields: [
      input('email', ctx.t('sign-in.email'), 'email', { value: email, required: true, autocomplete: 'username', maxlength: 254, dirLtr: true }),
      input('password', ctx.t('sign-in.password'), 'password', { required: true, autocomplete: 'current-password', maxlength: 256, dirLtr: true }),
    ],
    hidden: [{ name: 'next', value: next }],
    submit: ctx.t('sign-in.submit'),
    problems,
    links: [
      { href: `${ctx.base}/password-reset`, text: ctx.t('sign-in.forgot') },
      { href: `${ctx.base}/register`, text: `${ctx.t('sign-in.no-account')} ${ctx.t('site.register')}` },
    ],
  });
}

async function signIn(ctx: PageContext) {
  const email = (ctx.form.email ?? '').trim();
  const next = safeNext(ctx.base, ctx.form.next);
  const outcome = await gateway(ctx).signIn(email, ctx.form.password ?? '');
  if (outcome.kind !== 'signed-in') {
    const problems = new FormProblems();
    problems.general.push(outcome.kind === 'delayed' ? ctx.t('sign-in.delayed', { seconds: outcome.retryAfterSeconds }) : ctx.t('sign-in.failed'));
    const page = signInForm(ctx, email, next, problems);
    if (outcome.kind !== 'delayed' || page.kind !== 'view') return page;
    // As the API answers it: the address is waiting out its growing delay.
    ctx.reply.header('retry-after', String(outcome.retryAfterSeconds));
    return { ...page, status: 429 };
  }
  const cookies = new PortalCookies(ctx.config.isProduction, ctx.tenant.key);
  new PageSessions(gateway(ctx)).start(ctx.reply, cookies, outcome.tokens);
  // The language follows the person: one chosen on this device before signing in is kept on the
  // account; without one, the account's language is this device's from now on.
  const chosen = cookies.read(ctx.req, 'language');
  const offered = pageLocales(ctx.def);
  if (chosen && offered.includes(chosen)) {
    if (chosen !== outcome.locale) await ctx.services.get(AccountPreferencesService).setLocale(outcome.accountId, chosen);
  } else if (offered.includes(outcome.locale)) cookies.set(ctx.reply, 'language', outcome.locale, { maxAge: YEAR_SECONDS });
  return ctx.redirect(next);
}

async function signOut(ctx: PageContext) {
  await new PageSessions(gateway(ctx)).end(ctx.reply, new PortalCookies(ctx.config.isProduction, ctx.tenant.key), ctx.actor);
  return ctx.redirect('/', 'signed-out');
}

// ---------------------------------------------------------------- password reset

const unavailable = (ctx: PageContext) =>
  ctx.render('pages/message', ctx.t('reset.title'), { paragraphs: [ctx.t('reset.unavailable')], links: [] });

function resetForm(ctx: PageContext, email: string, problems: FormProblems | null) {
  return formPage(ctx, {
    title: ctx.t('reset.title'),
    intro: [ctx.t('reset.intro')],
    action: `${ctx.base}/password-reset`,
    fields: [input('email', ctx.t('sign-in.email'), 'email', { value: email, required: true, autocomplete: 'email', maxlength: 254, dirLtr: true })],
    submit: ctx.t('reset.submit'),
    problems,
  });
}

async function requestReset(ctx: PageContext) {
  const flow = gateway(ctx).passwordReset;
  if (!flow) return unavailable(ctx);
  const email = (ctx.form.email ?? '').trim();
  try {
    await flow.request(email);
  } catch (err) {
    return resetForm(ctx, email, problemsOf(err, ctx));
  }
  return ctx.render('pages/message', ctx.t('reset.title'), { paragraphs: [ctx.t('reset.sent')], links: [] });
}

function confirmResetForm(ctx: PageContext, token: string, problems: FormProblems | null) {
  return formPage(ctx, {
    title: ctx.t('reset.confirm-title'),
    action: `${ctx.base}/password-reset/confirm`,
    fields: [passwordField(ctx)],
    hidden: [{ name: 'token', value: token }],
    submit: ctx.t('reset.confirm-submit'),
    problems,
    labels: { token: 'Link' },
  });
}

async function confirmReset(ctx: PageContext) {
  const flow = gateway(ctx).passwordReset;
  if (!flow) return unavailable(ctx);
  const token = ctx.form.token ?? '';
  try {
    await flow.confirm(token, ctx.form.password ?? '');
  } catch (err) {
    return confirmResetForm(ctx, token, problemsOf(err, ctx));
  }
  return ctx.redirect('/sign-in', 'password-changed');
}

export const accountPages: readonly PageRoute[] = [
  { method: 'GET', path: '/register', access: 'public', handler: (ctx) => Promise.resolve(registrationForm(ctx, {}, '', null)) },
  { method: 'POST', path: '/register', access: 'public', handler: register, rateLimit: 'registration' },
  { method: 'GET', path: '/register/sent', access: 'public', handler: registered },
  { method: 'GET', path: '/verify', access: 'public', handler: verifyPage },
  { method: 'POST', path: '/verify', access: 'public', handler: verify, rateLimit: 'password-reset' },
  {
    method: 'GET',
    path: '/sign-in',
    access: 'public',
    handler: (ctx) => Promise.resolve(signInForm(ctx, '', safeNext(ctx.base, one(ctx.query.next)), null)),
  },
  { method: 'POST', path: '/sign-in', access: 'public', handler: signIn, rateLimit: 'sign-in' },
  { method: 'POST', path: '/sign-out', access: 'signed-in', handler: signOut },
  {
    method: 'GET',
    path: '/password-reset',
    access: 'public',
    handler: (ctx) => Promise.resolve(gateway(ctx).passwordReset ? resetForm(ctx, '', null) : unavailable(ctx)),
  },
  { method: 'POST', path: '/password-reset', access: 'public', handler: requestReset, rateLimit: 'password-reset' },
  {
    method: 'GET',
    path: '/password-reset/confirm',
    access: 'public',
    handler: (ctx) => Promise.resolve(gateway(ctx).passwordReset ? confirmResetForm(ctx, one(ctx.query.token) ?? '', null) : unavailable(ctx)),
  },
  { method: 'POST', path: '/password-reset/confirm', access: 'public', handler: confirmReset, rateLimit: 'password-reset' },
];
