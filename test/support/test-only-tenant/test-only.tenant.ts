import { fileURLToPath } from 'node:url';
import { defineTenant, type TenantDefinition } from '../../../libs/plugin-api/src/index.js';
import { TestOnlyModule } from './test-only.module.js';
import { TestOnlyNotes1732299000000 } from './migrations/1732299000000-test-only-notes.js';

/**
 * A tenant that exists only inside the test suite. It is built the way a real tenant folder is,
 * on the public plugin API alone, and is passed to `TestApp.boot({ tenants })`: that it loads with
 * its own fields, settings, templates, routes and table proves a tenant needs no core change.
 */
export const testOnlyTenant = defineTenant({
  key: 'test-only',
  name: 'Test-only tenant',
  statement: 'none (defined inside the test suite)',
  locales: ['en'],
  defaultLocale: 'en',
  profile: {
    fields: [
      {
        key: 'nickname',
        label: 'Nickname',
        type: 'string',
        maxLength: 40,
        read: ['self', 'staff'],
        write: ['self'],
      },
      {
        key: 'favouriteColour',
        label: 'Favourite colour',
        type: 'enum',
        options: ['red', 'green', 'blue'],
        read: ['self', 'staff', 'employer'],
        write: ['self', 'staff'],
        searchable: 'filter',
      },
    ],
    aliasPrefix: 'Person',
    maxDocumentBytes: 1024 * 1024,
  },
  visibility: {
    candidateBank: {
      searchers: ['staff'],
      employerAccess: 'all-employers',
      employerIdentity: 'never',
      staffScope: 'tenant',
    },
    applications: { visibleTo: ['staff'] },
  },
  consents: [],
  settings: [
    {
      key: 'quietDays',
      label: 'Days without mail',
      type: 'integer',
      default: 10,
      min: 1,
      max: 30,
      unit: 'days',
    },
    { key: 'digest', label: 'Weekly digest', type: 'boolean', default: false },
    {
      key: 'tone',
      label: 'Tone of voice',
      type: 'enum',
      default: 'plain',
      options: ['plain', 'warm'],
    },
  ],
  retention: [
    {
      key: 'jobseeker-idle',
      personKind: 'jobseeker',
      anchor: 'last-interaction',
      reminders: [{ kind: 'once', at: { days: 20 }, template: 'still-there' }],
      respondedBy: ['sign-in'],
      finalAt: { days: 30 },
      finalAction: 'delete',
      adjustableBy: ['quietDays'],
      promise: 'Deleted thirty days after the last interaction, after one reminder.',
    },
  ],
  mail: {
    templatesDir: fileURLToPath(new URL('./mail', import.meta.url)),
    templates: [
      { key: 'still-there', category: 'reminder', variables: ['name'], sample: { name: 'Sam' } },
    ],
    branding: {
      senderName: 'Test only',
      senderAddress: 'noreply@test-only.example',
      primaryColour: '#333333',
      footer: { en: 'Test' },
    },
  },
  module: TestOnlyModule,
  migrations: [TestOnlyNotes1732299000000],
}) satisfies TenantDefinition;
