import { fileURLToPath } from 'node:url';
import { WinWinWerktForeignKeyIndexes1732310000100 } from './winwinwerkt.foreign-key-indexes.migration.js';
import { defineTenant } from '../../libs/plugin-api/src/index.js';
import { winwinwerktFields } from './winwinwerkt.fields.js';
import { WINWINWERKT_DOMAIN, winwinwerktBranding, winwinwerktBrands, winwinwerktLabels } from './winwinwerkt.labels.js';
import { WinWinWerktModule } from './winwinwerkt.module.js';
import { WinWinWerkt1732204070000 } from './winwinwerkt.migration.js';
import { WinWinWerktApplyAnswers1732209700200 } from './winwinwerkt.apply-answers.migration.js';
import { WinWinWerktPendingApplications1732209800100 } from './winwinwerkt.pending-applications.migration.js';
import { winwinwerktDemo } from './winwinwerkt.demo.js';
import { winwinwerktPortal } from './winwinwerkt.portal.js';

/**
 * WinWinWerkt and its labels (statement 003): one recruitment service platform with several brand
 * sites over one candidate database. See README.md for every promise and the test that proves it.
 */
export const winwinwerkt = defineTenant({
  key: 'winwinwerkt',
  name: 'WinWinWerkt',
  statement: '003_ab9d345c7e65a895.txt',
  locales: ['nl', 'en'],
  defaultLocale: 'nl',
  domains: [WINWINWERKT_DOMAIN],
  labels: winwinwerktLabels,
  profile: {
    fields: winwinwerktFields,
    aliasPrefix: { nl: 'Talent', en: 'Talent' },
    maxDocumentBytes: 10 * 1024 * 1024,
  },
  visibility: {
    candidateBank: {
      // "Als wij opdrachten krijgen, dan beginnen wij met zoeken ... in onze database": WinWinWerkt's staff.
      searchers: ['staff'],
      employerAccess: 'org-units-with-bank-access',
      employerIdentity: 'unless-anonymous',
      staffScope: 'tenant',
    },
    // 2.4: the application is shared with the vacancy's client (and WinWinWerkt's staff), no other client.
    applications: { visibleTo: ['vacancy-contacts', 'employer-managers', 'staff'] },
  },
  consents: [],
  settings: [],
  // 2.5: alerts with name and address only; the core erases the subscriber with the last alert.
  vacancyAlerts: { enabled: true },
  // 1.11: "Neem Contact op en wij maken het voor je in orde, uiterlijk binnen 10 werkdagen."
  rights: {
    deciders: ['staff'],
    promiseWorkingDays: 10,
    holidays: 'NL',
    // 1.7 and 1.8: the processors the statement names.
    processors: [
      { name: 'Otys', purpose: 'CRM-systeem: gegevens van werkzoekenden, vacatures en relaties (verwerker)' },
      { name: 'One Payroll', purpose: 'payrollpartner en juridisch werkgever van uitzendkrachten: paspoort, BSN en bankrekening, uitsluitend daar' },
      { name: 'Mailchimp', purpose: 'digitale nieuwsbrief waarvoor je je specifiek aanmeldt' },
      { name: 'Google Analytics', purpose: 'analyse van bezoekgegevens van de websites' },
    ],
    // The CV part of an export as a JSON Resume document.
    resume: {
      name: ['firstName', 'lastName'],
      label: 'desiredJob',
      phone: 'phone',
      location: { city: 'city' },
      work: { field: 'workHistory', items: { name: 'employer', position: 'role', summary: 'description' } },
    },
  },
  // 2.2: "Bewaartermijn is 'tot je jezelf uitschrijft'": nothing counts from time spent registered.
  // Leaving for good erases at once (CandidatesService); this schedule is the statement's term in
  // the forecast and the register, anchored at the unsubscription, never at activity or activation.
  retention: [
    {
      key: 'candidate-until-unsubscribed',
      personKind: 'jobseeker',
      anchor: 'unsubscription',
      reminders: [],
      respondedBy: [],
      finalAt: { days: 1 },
      finalAction: 'delete',
      promise:
        "Kandidaten worden bewaard tot ze zich uitschrijven ('niet meer beschikbaar + altijd' verwijdert alles, ook cv, foto en e-mails). Elk half jaar (of zo vaak als de kandidaat kiest) komt een herinneringsmail; komt die als onbestelbaar retour, dan wordt het profiel verwijderd.",
    },
  ],
  mail: {
    templatesDir: fileURLToPath(new URL('./mail', import.meta.url)),
    templates: [
      {
        key: 'registration-reminder',
        category: 'reminder',
        variables: ['name', 'everyMonths', 'profileUrl'],
        sample: { name: 'Sam', everyMonths: 6, profileUrl: 'https://winwinwerkt.localhost/t/winwinwerkt/profile' },
      },
      {
        key: 'etalage-contact',
        category: 'transactional',
        variables: ['name', 'talent', 'talentId', 'organisation', 'contactName', 'contactEmail', 'contactPhone', 'message'],
        sample: {
          name: 'Carla',
          talent: 'Gastvrouw, Zeist',
          talentId: '6f1c0d3e-8a61-4a43-9d55-0b3e1f2a9c10',
          organisation: 'Bakkerij De Korenschoof BV',
          contactName: 'Henk de Bakker',
          contactEmail: 'henk@korenschoof.example',
          contactPhone: '+31 30 123 4567',
          message: 'Wij zoeken een gastvrouw voor onze winkel en willen graag kennismaken.',
        },
      },
      {
        // 2.4: an application made without signing in, for an address that already has an account.
        key: 'application-confirm',
        category: 'transactional',
        variables: ['name', 'vacancy', 'confirmUrl'],
        sample: { name: 'Sam', vacancy: 'Bakker (dagdienst)', confirmUrl: 'https://vacatureservicemkb.localhost/winwinwerkt/pending-applications/confirm?token=abc' },
      },
    ],
    branding: winwinwerktBranding,
    brands: winwinwerktBrands,
  },
  on: {
    // 2.2: "de email komt als onbestelbaar retour, dan wordt je profiel geautomatiseerd verwijderd".
    // Only a permanent failure reaches this handler; a full mailbox is a soft bounce and does not.
    'mail.hard-bounce': async (event, ctx) => {
      if (event.personId && event.personKind === 'jobseeker')
        await ctx.erasePerson(event.personId, 'statement 003 2.2: e-mail address undeliverable (hard bounce)');
    },
  },
  portal: winwinwerktPortal,
  module: WinWinWerktModule,
  migrations: [WinWinWerkt1732204070000, WinWinWerktApplyAnswers1732209700200, WinWinWerktPendingApplications1732209800100, WinWinWerktForeignKeyIndexes1732310000100],
  demo: winwinwerktDemo,
});
