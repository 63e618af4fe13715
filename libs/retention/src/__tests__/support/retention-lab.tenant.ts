import { fileURLToPath } from 'node:url';
import { defineTenant } from '../../../../plugin-api/src/index.js';

/**
 * A tenant that exists only in the retention specs, built on the plugin API alone: statement 000's
 * jobseeker schedule (a reminder after a year, then monthly, deletion at 18 months without any
 * response) and an employer contact anonymised a month after the contract ends.
 */
export const retentionLab = defineTenant({
  key: 'retention-lab',
  name: 'Retention lab (test only)',
  statement: 'none (defined inside the retention specs)',
  locales: ['en'],
  defaultLocale: 'en',
  profile: {
    fields: [
      { key: 'givenName', label: 'Given name', type: 'string', read: ['self', 'staff'], write: ['self', 'staff'], identifying: true },
    ],
    aliasPrefix: 'Person',
    maxDocumentBytes: 2048,
  },
  visibility: {
    candidateBank: { searchers: ['staff'], employerAccess: 'all-employers', employerIdentity: 'unless-anonymous', staffScope: 'tenant' },
    applications: { visibleTo: ['staff'] },
  },
  consents: [
    { key: 'photo', label: 'Photo', text: 'Show my photo.', version: '2', asked: 'once', withdrawable: true },
  ],
  settings: [],
  retention: [
    {
      key: 'jobseeker-idle',
      personKind: 'jobseeker',
      anchor: 'last-interaction',
      reminders: [{ kind: 'repeat', from: { months: 12 }, every: { months: 1 }, times: 6, template: 'account-deletion-reminder' }],
      respondedBy: ['any-interaction'],
      finalAt: { months: 18 },
      finalAction: 'delete',
      promise: 'Deleted 1.5 years after the last interaction; a reminder after a year, then one every month.',
    },
    {
      key: 'employer-contract',
      personKind: 'employer-contact',
      anchor: 'end-of-contract',
      reminders: [],
      respondedBy: [],
      finalAt: { days: 30 },
      finalAction: 'anonymise',
      promise: 'Contact details are kept as long as the contract runs, and anonymised a month after it ends.',
    },
  ],
  mail: {
    templatesDir: fileURLToPath(new URL('./lab-mail', import.meta.url)),
    templates: [
      {
        key: 'account-deletion-reminder',
        category: 'reminder',
        variables: ['name', 'confirmUrl', 'deadline', 'reminderNumber'],
        sample: { name: 'Sam', confirmUrl: 'https://example.org/r?t=1', deadline: '1 March 2027', reminderNumber: 1 },
      },
    ],
    branding: { senderName: 'Lab', senderAddress: 'noreply@lab.example', primaryColour: '#333333', footer: { en: 'Lab.' } },
  },
});
