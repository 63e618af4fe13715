import { fileURLToPath } from 'node:url';
import { RefugeeWorkForeignKeyIndexes1732310000120 } from './module/refugeework.foreign-key-indexes.migration.js';
import { DEFAULT_RIGHTS, defineTenant } from '../../libs/plugin-api/src/index.js';
import { refugeeTalentPoolFields } from './refugee-talent-pool.fields.js';
import { refugeeTalentPoolConsents } from './refugee-talent-pool.consents.js';
import { refugeeTalentPoolRetention } from './refugee-talent-pool.retention.js';
import { refugeeTalentPoolTemplates } from './refugee-talent-pool.templates.js';
import { RefugeeWorkModule } from './module/refugeework.module.js';
import { RefugeeWork1732204050000 } from './module/refugeework.migration.js';
import { RefugeeWorkObjectionHolds1732209851000 } from './module/objection-holds.migration.js';
import { refugeeTalentPoolPortal } from './refugee-talent-pool.portal.js';

/**
 * RefugeeWork by VluchtelingenWerk Nederland (statement 000): a talent pool where employers see
 * jobseekers under an alias and learn who they are only when the jobseeker accepts their request.
 */
export const refugeeTalentPool = defineTenant({
  key: 'refugee-talent-pool',
  name: 'RefugeeWork',
  statement: '000_69cd0a0b6406e842.txt',
  locales: ['en', 'nl'],
  defaultLocale: 'en',
  domains: ['refugeework.localhost'],
  profile: {
    fields: refugeeTalentPoolFields,
    aliasPrefix: { en: 'Talent', nl: 'Talent' },
    maxDocumentBytes: 25 * 1024 * 1024,
  },
  visibility: {
    candidateBank: {
      searchers: ['employer', 'staff'],
      // "Employers registered on RefugeeWork can only see some of your personal data."
      employerAccess: 'all-employers',
      // "You must give your consent once to be included in the talent pool while creating your profile."
      requiresConsent: 'talentPool',
      // "Your personal data will only be shared with a potential employer ... if the job seeker agrees to a connection request."
      employerIdentity: 'after-connection',
      staffScope: 'tenant',
    },
    // "Only employees with the correct authorisation can access your file": staff. Tenant
    // administrators manage the service, not dossiers, so account lists show them no jobseeker's
    // name or sign-in address.
    accountIdentity: { jobseekers: ['staff'] },
    applications: { visibleTo: ['staff'] },
    // "Chat conversations ... are secure and can be viewed by RefugeeWork staff."
    connections: { enabled: true, staffCanReadChat: true, consent: 'shareWithEmployer' },
  },
  // Who decides is the platform's default; the CV part of an export as a JSON Resume document.
  rights: {
    ...DEFAULT_RIGHTS,
    resume: {
      name: ['name'],
      email: 'email',
      phone: 'phone',
      summary: 'about',
      location: { city: 'city', region: 'province' },
      work: { field: 'workHistory', items: { position: 'role', startDate: 'from', endDate: 'to', summary: 'description' } },
      education: { field: 'education', items: { area: 'name', endDate: 'year' } },
      skills: ['functionalSkills', 'socialSkills'],
      languages: { field: 'languages', items: { language: 'language', fluency: 'level' } },
    },
  },
  // Statement 000's own processing beyond the core's, and the activity of each entry the module audits.
  processing: {
    activities: [
      {
        id: 'job-reputation',
        name: 'Jobs worked and reputation',
        purpose: "Recording jobs worked through RefugeeWork and the employer's stars and assessment, shown to the person and staff",
        legalBasis: 'as statement 000 names (generated data)',
      },
      {
        id: 'business-contacts',
        name: 'Business contacts',
        purpose: 'Keeping the contact details of employers while a contract runs, deleted the day after it ends',
        legalBasis: 'performance of the contract with the employer (GDPR art. 6(1)(b))',
      },
    ],
    auditActions: {
      'reputation.read': 'job-reputation',
      'placement.record': 'job-reputation',
      'placement.change': 'job-reputation',
      'placement.delete': 'job-reputation',
      'placement.review': 'job-reputation',
      'contract.end': 'business-contacts',
      'contract.renew': 'business-contacts',
      'objection.receive': 'data-subject-rights',
      'objection.list': 'data-subject-rights',
      'objection.resolve': 'data-subject-rights',
    },
  },
  consents: refugeeTalentPoolConsents,
  settings: [],
  retention: refugeeTalentPoolRetention,
  mail: {
    templatesDir: fileURLToPath(new URL('./mail', import.meta.url)),
    templates: refugeeTalentPoolTemplates,
    branding: {
      senderName: 'RefugeeWork',
      senderAddress: 'noreply@refugeework.example',
      primaryColour: '#e4003a',
      footer: {
        en: 'RefugeeWork is a service of VluchtelingenWerk Nederland. You receive this e-mail because you have a RefugeeWork account.',
        nl: 'RefugeeWork is een dienst van VluchtelingenWerk Nederland. Je ontvangt deze e-mail omdat je een RefugeeWork-account hebt.',
      },
    },
  },
  module: RefugeeWorkModule,
  portal: refugeeTalentPoolPortal,
  migrations: [RefugeeWork1732204050000, RefugeeWorkObjectionHolds1732209851000, RefugeeWorkForeignKeyIndexes1732310000120],
  demo: {
    orgUnits: [
      { key: 'bouwbedrijf-noord', name: 'Bouwbedrijf Noord BV', kind: 'employer' },
      { key: 'zorggroep-oost', name: 'Zorggroep Oost', kind: 'employer' },
    ],
    accounts: [
      { email: 'admin@refugeework.example', password: 'demo-refugeework-2026', displayName: 'RefugeeWork admin', roles: ['tenant-admin'] },
      { email: 'operations@refugeework.example', password: 'demo-refugeework-2026', displayName: 'Olga Operations', roles: ['staff'] },
      {
        email: 'hiring@bouwbedrijf-noord.example',
        password: 'demo-refugeework-2026',
        displayName: 'Henk Hiring',
        roles: ['employer'],
        orgUnit: 'bouwbedrijf-noord',
      },
      { email: 'amal@jobseeker.example', password: 'demo-refugeework-2026', displayName: 'Amal Haddad', roles: ['jobseeker'] },
    ],
    vacancies: [
      {
        orgUnit: 'bouwbedrijf-noord',
        title: 'Timmerman / Carpenter',
        description: 'Bouwbedrijf Noord is looking for a carpenter for housing projects in Groningen. Dutch at A2 level is enough to start; we offer language lessons on the job.',
        city: 'Groningen',
        hours: { min: 24, max: 40 },
        contractType: 'temporary',
        educationLevel: 'vocational',
      },
    ],
  },
});
