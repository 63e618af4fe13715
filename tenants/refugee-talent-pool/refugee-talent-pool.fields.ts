import type { Audience, FieldDefinition, Writer } from '../../libs/plugin-api/src/index.js';

/** Identity and contact data: only the person, staff, and an employer whose request was accepted. */
const CONNECTED: readonly Audience[] = ['self', 'staff', 'employer-connected'];
/** What employers see in the talent pool next to the alias ("only some of your personal data"). */
const POOL: readonly Audience[] = ['self', 'staff', 'employer'];
const SELF_AND_STAFF: readonly Audience[] = ['self', 'staff'];
const OWN: readonly Writer[] = ['self', 'staff'];

export const PROVINCES = [
  'drenthe',
  'flevoland',
  'friesland',
  'gelderland',
  'groningen',
  'limburg',
  'noord-brabant',
  'noord-holland',
  'overijssel',
  'utrecht',
  'zeeland',
  'zuid-holland',
] as const;

export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;

/**
 * Statement 000, "The personal data we process". The identity fields are hidden from employers
 * until the person accepts that employer's connection request; the rest is what the pool shows.
 */
export const refugeeTalentPoolFields: readonly FieldDefinition[] = [
  // Required: name, e-mail address, city/region/province.
  { key: 'name', label: { en: 'Name', nl: 'Naam' }, purpose: 'execution of the agreement', type: 'string', required: true, minLength: 1, maxLength: 160, read: CONNECTED, write: OWN, identifying: true },
  // The contact address a connected employer may use; the sign-in address stays between the person and us.
  { key: 'email', label: { en: 'Contact e-mail address', nl: 'Contact-e-mailadres' }, purpose: 'execution of the agreement', type: 'email', required: true, maxLength: 254, read: CONNECTED, write: OWN, identifying: true },
  // "City/region/province" is one required item: the province is required and shown in the pool;
  // the city can single out a person in a small town, so it is optional and shown only after a connection.
  { key: 'province', label: { en: 'Region / province', nl: 'Regio / provincie' }, purpose: 'matching', type: 'enum', options: PROVINCES, required: true, read: POOL, write: OWN, searchable: 'filter' },
  { key: 'city', label: { en: 'City', nl: 'Woonplaats' }, purpose: 'matching', type: 'string', maxLength: 120, read: CONNECTED, write: OWN, identifying: true },
  // Optional.
  { key: 'about', label: { en: 'About me', nl: 'Over mij' }, purpose: 'matching', type: 'text', maxLength: 4000, read: POOL, write: OWN, searchable: 'text' },
  { key: 'phone', label: { en: 'Phone number', nl: 'Telefoonnummer' }, purpose: 'matching', type: 'phone', read: CONNECTED, write: OWN, identifying: true },
  { key: 'photo', label: { en: 'Photo', nl: 'Foto' }, purpose: 'matching (explicit consent)', type: 'document', accept: ['image/jpeg', 'image/png'], read: CONNECTED, write: ['self'], identifying: true, consent: 'photo' },
  {
    key: 'workHistory',
    label: { en: 'Work history', nl: 'Werkervaring' },
    purpose: 'matching',
    type: 'object-list',
    maxItems: 30,
    itemFields: [
      { key: 'role', type: 'string', required: true, maxLength: 160 },
      { key: 'sector', type: 'string', maxLength: 160 },
      { key: 'country', type: 'string', maxLength: 80 },
      { key: 'from', type: 'date' },
      { key: 'to', type: 'date' },
      { key: 'description', type: 'text', maxLength: 2000 },
    ],
    read: POOL,
    write: OWN,
    searchable: 'text',
  },
  {
    key: 'education',
    label: { en: 'Education', nl: 'Opleiding' },
    purpose: 'matching',
    type: 'object-list',
    maxItems: 20,
    itemFields: [
      { key: 'name', type: 'string', required: true, maxLength: 200 },
      { key: 'country', type: 'string', maxLength: 80 },
      { key: 'year', type: 'integer', min: 1950, max: 2100 },
    ],
    read: POOL,
    write: OWN,
    searchable: 'text',
  },
  // The CV document carries the name and contact details, so it follows the identity fields.
  { key: 'cv', label: { en: 'CV', nl: 'CV' }, purpose: 'matching', type: 'document', accept: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], read: CONNECTED, write: OWN, identifying: true },
  { key: 'functionalSkills', label: { en: 'Functional skills', nl: 'Functionele vaardigheden' }, purpose: 'matching', type: 'string-list', maxItems: 40, maxLength: 120, read: POOL, write: OWN, searchable: 'text' },
  { key: 'socialSkills', label: { en: 'Social skills', nl: 'Sociale vaardigheden' }, purpose: 'matching', type: 'string-list', maxItems: 40, maxLength: 120, read: POOL, write: OWN, searchable: 'text' },
  {
    key: 'languages',
    label: { en: 'Languages', nl: 'Talen' },
    purpose: 'matching',
    type: 'object-list',
    maxItems: 15,
    itemFields: [
      { key: 'language', type: 'string', required: true, maxLength: 60 },
      { key: 'level', type: 'enum', required: true, options: LANGUAGE_LEVELS },
    ],
    read: POOL,
    write: OWN,
    searchable: 'text',
  },
  { key: 'video', label: { en: 'Introductory video', nl: 'Introductievideo' }, purpose: 'matching (explicit consent)', type: 'document', accept: ['video/mp4', 'video/webm'], read: CONNECTED, write: ['self'], identifying: true, consent: 'video' },
  // Generated by the platform: the person reads it, nobody else needs it.
  { key: 'elearningProgress', label: { en: 'E-learning progress (%)', nl: 'Voortgang e-learning (%)' }, purpose: 'support', type: 'integer', min: 0, max: 100, read: SELF_AND_STAFF, write: ['system', 'staff'] },
];
