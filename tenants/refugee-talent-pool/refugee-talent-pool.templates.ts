import type { TemplateDefinition } from '../../libs/plugin-api/src/index.js';

const URL_SAMPLE = 'https://refugeework.example/sample';

/** Every mail RefugeeWork sends, each in English and Dutch (files in ./mail). */
export const refugeeTalentPoolTemplates: readonly TemplateDefinition[] = [
  { key: 'verify-email', category: 'transactional', variables: ['name', 'verifyUrl'], sample: { name: 'Amal', verifyUrl: URL_SAMPLE } },
  {
    key: 'retention-reminder-first',
    category: 'reminder',
    variables: ['name', 'deadline', 'confirmUrl'],
    sample: { name: 'Amal', deadline: '1 July 2027', confirmUrl: URL_SAMPLE },
  },
  {
    key: 'retention-reminder-monthly',
    category: 'reminder',
    variables: ['name', 'deadline', 'confirmUrl'],
    sample: { name: 'Amal', deadline: '1 July 2027', confirmUrl: URL_SAMPLE },
  },
  {
    key: 'connection-request',
    category: 'notification',
    variables: ['name', 'requesterName', 'respondUrl'],
    sample: { name: 'Amal', requesterName: 'Bouwbedrijf Noord BV', respondUrl: URL_SAMPLE },
  },
  {
    key: 'connection-accepted',
    category: 'notification',
    variables: ['name', 'alias', 'connectionUrl'],
    sample: { name: 'Henk', alias: 'Talent 4821', connectionUrl: URL_SAMPLE },
  },
  {
    key: 'deletion-confirmation',
    category: 'transactional',
    variables: ['name', 'reference'],
    sample: { name: 'Amal', reference: 'DR-1A2B3C' },
  },
  {
    key: 'objection-received',
    category: 'transactional',
    variables: ['name', 'reference'],
    sample: { name: 'Amal', reference: 'OB-1A2B3C' },
  },
  {
    key: 'newsletter',
    category: 'newsletter',
    variables: ['name', 'title', 'intro', 'readMoreUrl'],
    sample: { name: 'Amal', title: 'New jobs in care', intro: 'This month, twelve employers in care joined RefugeeWork.', readMoreUrl: URL_SAMPLE },
  },
];
