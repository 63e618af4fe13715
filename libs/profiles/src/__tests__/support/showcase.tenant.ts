import { fileURLToPath } from 'node:url';
import { defineTenant, type TenantDefinition } from '../../../../plugin-api/src/index.js';

/**
 * A tenant that exists only in these specs, built on the plugin API alone, to prove the profile
 * rules follow whatever a tenant declares: it has a field of every class readable by every
 * audience that may read it, shows identity only after a connection, lets partners search and
 * the public browse, and scopes staff to their own organisation units.
 */
export const showcaseTenant = defineTenant({
  key: 'profile-showcase',
  name: 'Profile showcase (test only)',
  statement: 'none (defined inside the profile specs)',
  locales: ['en'],
  defaultLocale: 'en',
  profile: {
    fields: [
      { key: 'givenName', label: 'Given name', type: 'string', required: true, read: ['self', 'staff', 'tenant-admin', 'employer-connected', 'partner'], write: ['self', 'staff'], identifying: true },
      { key: 'skills', label: 'Skills', type: 'string-list', read: ['self', 'staff', 'tenant-admin', 'employer', 'employer-connected', 'partner', 'public'], write: ['self', 'staff'], whileAnonymous: 'shown' },
      { key: 'contactPhone', label: 'Phone', type: 'phone', read: ['self', 'staff', 'tenant-admin', 'employer-connected'], write: ['self'], identifying: true },
      { key: 'caseNotes', label: 'Case notes', type: 'text', read: ['self', 'staff', 'tenant-admin'], write: ['staff'], internalOnly: true },
      { key: 'workLimitations', label: 'Work limitations', type: 'text', read: ['self', 'staff', 'tenant-admin', 'employer', 'partner'], write: ['self', 'staff'], specialCategory: true, consent: 'healthShare' },
      { key: 'portfolio', label: 'Portfolio', type: 'string', read: ['self', 'staff', 'tenant-admin', 'employer', 'partner', 'public'], write: ['self'], consent: 'showcase' },
      { key: 'adminOnly', label: 'Admin note', type: 'string', read: ['self', 'tenant-admin'], write: ['tenant-admin'], internalOnly: true },
      { key: 'matchScore', label: 'Match score', type: 'integer', read: ['self', 'staff', 'tenant-admin'], write: ['system'] },
      { key: 'medicalCertificate', label: 'Medical certificate', type: 'document', accept: ['application/pdf'], read: ['self', 'staff'], write: ['self'], specialCategory: true, consent: 'healthShare' },
      { key: 'certificate', label: 'Certificate', type: 'document', accept: ['application/pdf'], read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self'] },
    ],
    aliasPrefix: 'Talent',
    maxDocumentBytes: 2048,
  },
  visibility: {
    candidateBank: {
      searchers: ['employer', 'staff', 'partner'],
      employerAccess: 'all-employers',
      employerIdentity: 'after-connection',
      staffScope: 'own-org-units',
      requiresConsent: 'talentPool',
      publicProfiles: true,
    },
    applications: { visibleTo: ['staff'] },
    connections: { enabled: true, staffCanReadChat: false },
  },
  consents: (['talentPool', 'healthShare', 'showcase'] as const).map((key) => ({
    key,
    label: key,
    text: `I consent to ${key}.`,
    version: '1',
    asked: 'once' as const,
    withdrawable: true,
  })),
  settings: [],
  retention: [
    {
      key: 'jobseeker-idle',
      personKind: 'jobseeker',
      anchor: 'last-interaction',
      reminders: [],
      respondedBy: [],
      finalAt: { years: 1 },
      finalAction: 'delete',
      promise: 'Deleted a year after the last interaction.',
    },
  ],
  mail: {
    templatesDir: fileURLToPath(new URL('./showcase-mail', import.meta.url)),
    templates: [
      { key: 'connection-request', category: 'notification', variables: ['name', 'requesterName', 'respondUrl'], sample: { name: 'Sam', requesterName: 'Acme', respondUrl: 'https://example.org/c' } },
      { key: 'connection-accepted', category: 'notification', variables: ['name', 'alias', 'connectionUrl'], sample: { name: 'Sam', alias: 'Talent 1', connectionUrl: 'https://example.org/c' } },
    ],
    branding: { senderName: 'Showcase', senderAddress: 'noreply@showcase.example', primaryColour: '#123456', footer: { en: 'Test' } },
  },
}) satisfies TenantDefinition;
