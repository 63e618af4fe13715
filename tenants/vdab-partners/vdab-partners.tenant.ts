import { fileURLToPath } from 'node:url';
import { VdabPartnersForeignKeyIndexes1732310000110 } from './vdab-partners.foreign-key-indexes.migration.js';
import { defineTenant } from '../../libs/plugin-api/src/index.js';
import { vdabPartnersFields } from './vdab-partners.fields.js';
import { vdabPartnersRetention } from './vdab-partners.retention.js';
import { vdabPartnersDemo } from './vdab-partners.demo.js';
import { vdabPartnersTemplates } from './vdab-partners.templates.js';
import { VdabPartnersModule } from './vdab-partners.module.js';
import { vdabPartnersPortal } from './vdab-partners.portal.js';
import { VdabPartners1732210000000 } from './vdab-partners.migration.js';
import { VdabPartnersActionDocuments1732210000001 } from './vdab-partners.documents.migration.js';
import { VdabPartnersCredentialFormKeys1732210000010 } from './vdab-partners.credential-form-keys.migration.js';
import { VdabPartnersActionsByAssignment1732210000300 } from './vdab-partners.actions-by-assignment.migration.js';
import { VdabPartnersLogForgetsAccounts1732209870001 } from './vdab-partners.log-forgets-accounts.js';

/**
 * VDAB's partner environment, "Mijn Loopbaan voor Partners" (statement 002). The service contracts
 * part of its task out to partner organisations; an assignment lets one organisation into one
 * jobseeker's dossier for a period. Partner staff hold the role `partner` in their organisation's
 * unit; the service's own staff hold `staff`. See README.md for every promise and its test.
 */
export const vdabPartners = defineTenant({
  key: 'vdab-partners',
  name: 'VDAB Mijn Loopbaan voor Partners',
  statement: '002_75956d9d4c03a7fe.txt',
  locales: ['nl', 'en'],
  defaultLocale: 'nl',
  domains: ['vdab-partners.localhost'],
  profile: {
    fields: vdabPartnersFields,
    aliasPrefix: { nl: 'Werkzoekende', en: 'Jobseeker' },
    maxDocumentBytes: 10 * 1024 * 1024,
  },
  // "Een dossier van een werkzoekende wordt aangemaakt door VDAB": no self-service sign-up.
  accounts: { selfRegistration: false },
  visibility: {
    candidateBank: {
      // Partners reach a dossier through an assignment only, never by searching.
      searchers: ['staff'],
      employerAccess: 'org-units-with-bank-access',
      employerIdentity: 'never',
      staffScope: 'tenant',
    },
    accountIdentity: { jobseekers: ['staff'] },
    applications: { visibleTo: ['staff'] },
  },
  consents: [],
  settings: [],
  retention: vdabPartnersRetention,
  mail: {
    templatesDir: fileURLToPath(new URL('./mail', import.meta.url)),
    templates: vdabPartnersTemplates,
    branding: {
      senderName: 'VDAB',
      senderAddress: 'noreply@vdab-partners.example',
      primaryColour: '#00667a',
      footer: {
        nl: 'Je ontvangt deze e-mail omdat je toegang hebt tot Mijn Loopbaan voor Partners van VDAB.',
        en: 'You receive this e-mail because you have access to VDAB\u2019s partner environment.',
      },
    },
  },
  module: VdabPartnersModule,
  portal: vdabPartnersPortal,
  migrations: [VdabPartnersLogForgetsAccounts1732209870001, VdabPartners1732210000000, VdabPartnersActionDocuments1732210000001, VdabPartnersCredentialFormKeys1732210000010, VdabPartnersActionsByAssignment1732210000300, VdabPartnersForeignKeyIndexes1732310000110],
  demo: vdabPartnersDemo,
});
