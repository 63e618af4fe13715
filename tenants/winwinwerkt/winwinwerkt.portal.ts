import { ForbiddenException } from '@nestjs/common';
import { fileURLToPath } from 'node:url';
import type { PortalDeclaration, PortalPageContext } from '../../libs/plugin-api/src/index.js';
import { assertValidBody, portalActor } from '../../libs/tenant-host/src/index.js';
import { ApplyToLabelVacancyDto, ApplyWithoutAccountDto } from './winwinwerkt.applying.dto.js';
import { ApplyingService } from './winwinwerkt.applying.service.js';
import { EtalageContactDto, JoinEtalageDto } from './winwinwerkt.dto.js';
import { ETALAGE_LABEL, EtalageService } from './winwinwerkt.etalage.service.js';
import { CURRENT_STATEMENT_VERSION } from './winwinwerkt.labels.js';
import { PendingApplicationsService } from './winwinwerkt.pending-applications.service.js';
import { SiteVacancies } from './winwinwerkt.site-vacancies.js';
import { winwinwerktPortalTexts } from './winwinwerkt.portal-texts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Not an id: the same answer as a vacancy that is not on this site. */
const idOf = (value: string | undefined) => (value && UUID.test(value) ? value.toLowerCase() : '00000000-0000-0000-0000-000000000000');
const isCandidate = (ctx: PortalPageContext) => !!ctx.accountId && ctx.roles.includes('jobseeker');

/** "Wil je in de Talenten Etalage?" has no default: no choice stays no choice, and the check names it. */
const etalageAnswer = (value: string | undefined) => (value === 'yes' ? { joinEtalage: true } : value === 'no' ? { joinEtalage: false } : {});

/** The statement 003 questions of applying (2.4), asked of everyone who applies on a site. */
function applyAnswers(form: Readonly<Record<string, string>>) {
  const coach = form.coachOrganisationId?.trim();
  return {
    statementVersion: form.acceptStatement === 'on' ? CURRENT_STATEMENT_VERSION : '',
    motivation: (form.motivation ?? '').trim(),
    ...etalageAnswer(form.joinEtalage),
    ...(coach ? { coachOrganisationId: coach } : {}),
  };
}

async function coachOptions(ctx: PortalPageContext, chosen?: string) {
  return (await ctx.service(EtalageService).coachOrganisations()).map((c) => ({ ...c, selected: c.id === chosen }));
}

/**
 * Applying on a label's site (statement 003, 2.4), the portal's apply form for this tenant: a
 * candidate who is signed in answers the two questions and applies in one step; anyone else gives
 * name and address as well and applies in the request that creates the account, the application
 * waiting until the mailbox is proven. The same use cases as the API, so the same checks.
 */
async function loadApply(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const vacancyId = idOf(ctx.query.vacancy);
  const vacancy = await ctx.service(SiteVacancies).find(vacancyId);
  return {
    vacancy: { id: vacancyId, title: vacancy.title },
    sent: ctx.query.sent === '1',
    candidate: isCandidate(ctx),
    otherAccount: !!ctx.accountId && !isCandidate(ctx),
    anonymous: !ctx.accountId,
    statementVersion: CURRENT_STATEMENT_VERSION,
    coaches: await coachOptions(ctx, ctx.form.coachOrganisationId),
    joinYes: ctx.form.joinEtalage === 'yes',
    joinNo: ctx.form.joinEtalage === 'no',
    accepted: ctx.form.acceptStatement === 'on',
  };
}

async function apply(ctx: PortalPageContext) {
  const vacancyId = idOf(ctx.query.vacancy ?? ctx.form.vacancyId);
  const answers = applyAnswers(ctx.form);
  if (ctx.accountId) {
    if (!isCandidate(ctx)) throw new ForbiddenException('Only candidates apply');
    assertValidBody(ApplyToLabelVacancyDto, answers);
    await ctx.service(ApplyingService).apply({ actor: portalActor(ctx), vacancyId, input: answers as ApplyToLabelVacancyDto });
    return { redirect: '/applications', notice: 'applied' };
  }
  const input = { ...answers, email: (ctx.form.email ?? '').trim(), firstName: (ctx.form.firstName ?? '').trim(), lastName: (ctx.form.lastName ?? '').trim(), locale: ctx.locale };
  assertValidBody(ApplyWithoutAccountDto, input);
  await ctx.service(PendingApplicationsService).apply(vacancyId, input as ApplyWithoutAccountDto);
  return { redirect: `/x/apply?vacancy=${vacancyId}&sent=1`, notice: 'www-check-your-mail' };
}

/** The anonymous talent profiles (2.3), on the Onbekend Talent site only, with a form to write to the coach. */
async function loadEtalage(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const { items } = await ctx.service(EtalageService).list();
  const chosen = ctx.query.talent ?? ctx.form.entryId;
  return { items: items.map((i) => ({ ...i, chosen: i.id === chosen })), chosen: items.find((i) => i.id === chosen) ?? null };
}

async function contactCoach(ctx: PortalPageContext) {
  const entryId = idOf(ctx.form.entryId);
  const phone = ctx.form.phone?.trim();
  const input = {
    organisation: (ctx.form.organisation ?? '').trim(),
    name: (ctx.form.name ?? '').trim(),
    email: (ctx.form.email ?? '').trim(),
    message: (ctx.form.message ?? '').trim(),
    ...(phone ? { phone } : {}),
  };
  assertValidBody(EtalageContactDto, input);
  await ctx.service(EtalageService).contact({ entryId, input });
  return { redirect: '/x/etalage', notice: 'www-sent-to-coach' };
}

/** The candidate's own choice: in the Etalage with the partner that guides them, or out of it. */
async function loadMyEtalage(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const mine = await ctx.service(EtalageService).mine(ctx.accountId!);
  return { mine, coaches: await coachOptions(ctx, ctx.form.coachOrganisationId ?? (mine.inEtalage ? mine.coachOrganisationId : undefined)) };
}

async function joinEtalage(ctx: PortalPageContext) {
  const input = { coachOrganisationId: ctx.form.coachOrganisationId ?? '' };
  assertValidBody(JoinEtalageDto, input);
  await ctx.service(EtalageService).join(ctx.accountId!, input.coachOrganisationId);
  return { notice: 'www-etalage-joined' };
}

async function leaveEtalage(ctx: PortalPageContext) {
  await ctx.service(EtalageService).leave(ctx.accountId!);
  return { notice: 'www-etalage-left' };
}

/** WinWinWerkt's pages on every site (its own and each label's), in Dutch and English. */
export const winwinwerktPortal: PortalDeclaration = {
  intro: {
    nl: 'Vind werk via WinWinWerkt of een van haar labels. Solliciteren kan ook zonder account.',
    en: 'Find work through WinWinWerkt or one of its labels. You can apply without an account too.',
  },
  texts: winwinwerktPortalTexts,
  viewsDir: fileURLToPath(new URL('./portal', import.meta.url)),
  applyPage: 'apply',
  pages: [
    {
      key: 'apply',
      title: { nl: 'Solliciteren', en: 'Apply' },
      view: 'apply.hbs',
      access: 'public',
      load: loadApply,
      actions: { apply },
      // Without an account it mails the address typed in, as the API's apply-without-account does.
      rateLimit: 'registration',
      fieldLabels: {
        firstName: 'www.apply.first-name',
        lastName: 'www.apply.last-name',
        email: 'www.apply.email',
        motivation: 'www.apply.motivation',
        joinEtalage: 'www.apply.etalage',
        coachOrganisationId: 'www.coach',
        statementVersion: 'www.apply.statement-label',
      },
    },
    {
      key: 'etalage',
      title: { nl: 'Talenten Etalage', en: 'Talent showcase' },
      view: 'etalage.hbs',
      access: 'public',
      nav: true,
      // 2.3: the Etalage is Onbekend Talent's ("kandidaten Onbekend Talent"); the service refuses it elsewhere too.
      labels: [ETALAGE_LABEL],
      load: loadEtalage,
      actions: { contact: contactCoach },
      // A stranger's form that mails the coach, limited like the API's contact route.
      rateLimit: 'registration',
      fieldLabels: { organisation: 'www.etalage.organisation', name: 'www.etalage.name', email: 'www.etalage.email', phone: 'www.etalage.phone', message: 'www.etalage.message' },
    },
    {
      key: 'my-etalage',
      title: { nl: 'Mijn plek in de Talenten Etalage', en: 'My place in the talent showcase' },
      view: 'my-etalage.hbs',
      access: ['jobseeker'],
      nav: true,
      load: loadMyEtalage,
      actions: { join: joinEtalage, leave: leaveEtalage },
      fieldLabels: { coachOrganisationId: 'www.coach' },
    },
  ],
};
