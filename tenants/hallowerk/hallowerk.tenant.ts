import { fileURLToPath } from 'node:url';
import { defineTenant } from '../../libs/plugin-api/src/index.js';
import { hallowerkFields } from './hallowerk.fields.js';
import { hallowerkRetention } from './hallowerk.retention.js';
import { hallowerkDemo } from './hallowerk.demo.js';
import { hallowerkPortal } from './hallowerk.portal.js';
import { hallowerkPersonMailTemplates } from './hallowerk.person-mail.templates.js';
import { HalloWerkModule } from './hallowerk.module.js';
import { HalloWerk1732204060000 } from './hallowerk.migration.js';
import { HalloWerkAssignments1732209841100 } from './hallowerk.assignments.migration.js';

/**
 * HalloWerk (statement 004): one platform of the municipalities of the connected labour-market
 * regions. Org units are regions containing municipalities; each municipality is the controller
 * of its residents' data. Coaches (client managers) are staff of a municipality, account managers
 * are staff of a region who also read visible profiles of every region as `partner`.
 */
export const hallowerk = defineTenant({
  key: 'hallowerk',
  name: 'HalloWerk',
  statement: '004_8b11378adac01d66.txt',
  locales: ['nl', 'en'],
  defaultLocale: 'nl',
  domains: ['hallowerk.localhost'],
  profile: {
    fields: hallowerkFields,
    aliasPrefix: { nl: 'Werkzoekende', en: 'Jobseeker' },
    maxDocumentBytes: 25 * 1024 * 1024,
  },
  // "De gegevens die wij alvast voor jou invullen bij het aanmaken van een account": the municipality creates accounts.
  accounts: { selfRegistration: false },
  visibility: {
    candidateBank: {
      // Employers and intermediaries, account managers of every region (partner) and the own region's staff.
      searchers: ['employer', 'partner', 'staff'],
      // "alle bij HalloWerk aangesloten werkgevers/intermediairs"
      employerAccess: 'all-employers',
      // Visible means visible with name: the person chose to present themself to employers.
      employerIdentity: 'unless-anonymous',
      // "alleen zichtbaar voor medewerkers ... binnen de arbeidsmarktregio van jouw gemeente"
      staffScope: 'own-org-units',
      // "Wie er autorisatie krijgt wordt door jouw eigen gemeente geregeld": only a municipality's own
      // staff let an execution organisation, or the ICT supplier's support team, reach its residents.
      delegatedAccess: [
        // An execution organisation does the municipality's work for the resident; the ICT
        // supplier's support team maintains the system ("voor beheerdoeleinden") and decides nothing.
        { key: 'execution', grantorKinds: ['municipality'], delegateKinds: ['partner-organisation'], maxDays: 366, actsForPerson: true },
        { key: 'support', grantorKinds: ['municipality'], delegateKinds: ['team'], maxDays: 14 },
      ],
    },
    // Dossiers are the municipality's: staff see names and sign-in addresses, a tenant admin does not.
    accountIdentity: { jobseekers: ['staff'] },
    // The employer the person applied to. Not `staff`: the core would let every coach of every
    // region read every application, and the statement limits staff to the own region.
    applications: { visibleTo: ['vacancy-contacts', 'employer-managers'] },
  },
  // "Wil je je gehele profiel laten verwijderen, dan kun je dat verzoek indienen bij je eigen gemeente":
  // the municipality's staff decide (routed to the person's own municipality by staffScope), not the
  // administrator. The CV part of an export as a JSON Resume document.
  rights: {
    deciders: ['staff'],
    // "bij je eigen gemeente": the municipality's staff handle the request, not the region's account managers.
    handlerUnitKinds: ['municipality'],
    resume: {
      name: ['firstName', 'lastName'],
      email: 'contactEmail',
      phone: 'phone',
      location: { postalCode: 'postcode' },
      work: { field: 'workHistory', items: { name: 'employer', position: 'role', startDate: 'from', endDate: 'to', summary: 'description' } },
    },
  },
  // The municipality's import fills profiles it keeps (statement 004); work found ends the search.
  processing: {
    auditActions: {
      'hallowerk.import': 'candidate-profile',
      'hallowerk.import.dry-run': 'candidate-profile',
      'hallowerk.work-found': 'candidate-profile',
      // Career assignments are part of the coaching dossier, never of what employers see.
      'hallowerk.assignment.assign': 'candidate-profile',
      'hallowerk.assignment.read': 'candidate-profile',
      'hallowerk.assignment.complete': 'candidate-profile',
      // A coach's personal mail is coaching too; the log holds that one was sent, never its text.
      'hallowerk.message.send': 'candidate-profile',
    },
  },
  consents: [],
  settings: [],
  retention: hallowerkRetention,
  // "Gegevens over jouw activiteiten op HalloWerk en als je onze persoonlijke e-mails opent en op links
  // daarbinnen klikt", so that "je coach inzicht heeft in je activiteiten (o.a. inloggedrag)"; and
  // "op basis van jouw profiel en inloggedrag kan ons e-mailsysteem je ... e-mails sturen". Events are
  // kept one year (the coach's view of recent behaviour; the statement names no term, so the shorter
  // one); execution organisations working for the municipality read them, the support team does not.
  activity: {
    signIns: true,
    trackedMails: ['coach-message', 'assignment-given', 'work-found', 'nudge-complete-profile', 'nudge-come-back'],
    keepDays: 365,
    staffDelegatedPurposes: ['execution'],
    nudges: [
      {
        key: 'complete-profile',
        template: 'nudge-complete-profile',
        when: { missingAnyOf: ['motivation', 'interests', 'kindOfWork', 'preferredOccupations'], noSignInForDays: 7 },
        atMostEveryDays: 30,
      },
      { key: 'come-back', template: 'nudge-come-back', when: { noSignInForDays: 60 }, atMostEveryDays: 60 },
    ],
  },
  mail: {
    templatesDir: fileURLToPath(new URL('./mail', import.meta.url)),
    templates: [...hallowerkPersonMailTemplates],
    branding: {
      senderName: 'HalloWerk',
      senderAddress: 'noreply@hallowerk.example',
      primaryColour: '#00689e',
      footer: {
        nl: 'HalloWerk wordt aangeboden door jouw gemeente. Je ontvangt deze e-mail omdat je een HalloWerk-account hebt.',
        en: 'HalloWerk is offered by your municipality. You receive this e-mail because you have a HalloWerk account.',
      },
    },
  },
  portal: hallowerkPortal,
  module: HalloWerkModule,
  migrations: [HalloWerk1732204060000, HalloWerkAssignments1732209841100],
  demo: hallowerkDemo,
});
