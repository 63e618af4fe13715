import type { Audience, FieldDefinition, Localised, Writer } from '../../libs/plugin-api/src/index.js';

/**
 * Shared with employers, intermediaries and account managers only while the person makes the
 * profile visible (the candidate bank lists nothing else), and always with the own region's staff.
 * Account managers of other regions read as `partner`.
 */
const SHARED: readonly Audience[] = ['self', 'staff', 'employer', 'partner'];
/** "Uitsluitend voor interne doeleinden": the person and the own region's staff, never anyone outside. */
const INTERNAL: readonly Audience[] = ['self', 'staff'];
/** Pre-filled by the municipality; the person may adjust it ("kun je deze waar nodig zelf aanpassen"). */
const PREFILLED: readonly Writer[] = ['self', 'staff'];
/** Registered by the municipality: the person sees it but cannot change it. */
const MUNICIPALITY: readonly Writer[] = ['staff'];
/** "Het tekstveld is van jou!": only the person writes their own story. */
const PERSON: readonly Writer[] = ['self'];

/** The warning the statement puts next to every free-text field and upload. */
export const SPECIAL_DATA_WARNING: Localised = {
  nl: 'Let op! Plaats hier geen bijzondere persoonsgegevens, zoals je BSN, medische geschiedenis, strafrechtelijk verleden of godsdienst, en geen gegevens die je liever niet deelt.',
  en: 'Careful! Do not enter special personal data here, such as your citizen service number (BSN), medical history, criminal past or religion, nor anything you would rather not share.',
};

export const TARGET_GROUPS = ['baanafspraak', 'praktijkroute', 'bbl'] as const;
export const SUPPORT_LEVELS = ['zelfservice', 'samen', 'volledig-ondersteund'] as const;
export const GENDERS = ['vrouw', 'man', 'anders', 'onbekend'] as const;
export const CAPACITY_ACTIVITIES = ['zitten', 'staan', 'lopen', 'bukken', 'tillen', 'knielen', 'reiken', 'traplopen'] as const;
export const CAPACITY_LEVELS = ['goed', 'beperkt', 'niet'] as const;

/** The keys the statement lists as internal-only: no employer or intermediary ever receives them. */
export const INTERNAL_ONLY_KEYS = [
  'clientNumber',
  'gender',
  'birthDate',
  'supportingMunicipality',
  'supportLevel',
  'clientManagerName',
  'tozoGroup',
] as const;

const freeText = (key: string, label: Localised, maxLength = 4000): FieldDefinition => ({
  key,
  label,
  help: SPECIAL_DATA_WARNING,
  purpose: 'matching',
  type: 'text',
  maxLength,
  read: SHARED,
  write: PERSON,
  refuses: ['bsn'],
  searchable: 'text',
});

const upload = (key: string, label: Localised, accept: readonly string[], identifying = false): FieldDefinition => ({
  key,
  label,
  help: SPECIAL_DATA_WARNING,
  purpose: 'matching',
  type: 'document',
  accept,
  read: SHARED,
  write: PERSON,
  ...(identifying ? { identifying: true } : {}),
});

/** Statement 004, "Welke (persoons)gegevens?" and "Bijzondere en/of gevoelige persoonsgegevens". */
export const hallowerkFields: readonly FieldDefinition[] = [
  // Pre-filled when the municipality creates the account.
  { key: 'firstName', label: { nl: 'Voornaam', en: 'First name' }, purpose: 'matching', type: 'string', required: true, minLength: 1, maxLength: 80, read: SHARED, write: PREFILLED, identifying: true },
  { key: 'lastName', label: { nl: 'Achternaam', en: 'Last name' }, purpose: 'matching', type: 'string', required: true, minLength: 1, maxLength: 120, read: SHARED, write: PREFILLED, identifying: true },
  { key: 'contactEmail', label: { nl: 'E-mailadres', en: 'E-mail address' }, purpose: 'matching', type: 'email', read: SHARED, write: PREFILLED, identifying: true },
  { key: 'phone', label: { nl: 'Telefoonnummer', en: 'Phone number' }, purpose: 'matching', type: 'phone', read: SHARED, write: PREFILLED, identifying: true },
  { key: 'postcode', label: { nl: 'Postcode', en: 'Postcode' }, purpose: 'matching', type: 'postcode', read: SHARED, write: PREFILLED },
  // "Wanneer je besluit jouw profiel te delen met werkgevers wordt deze informatie ook zichtbaar voor hen."
  { key: 'targetGroups', label: { nl: 'Doelgroep', en: 'Target group' }, purpose: 'extra support for the employer (Participatiewet)', type: 'multi-enum', options: TARGET_GROUPS, maxItems: 3, read: SHARED, write: MUNICIPALITY },
  // "Uitsluitend voor interne doeleinden ... niet gedeeld met werkgevers, ook niet wanneer je jouw profiel zichtbaar maakt."
  { key: 'clientNumber', label: { nl: 'Klantnummer/zaaknummer', en: 'Client/case number' }, purpose: 'internal: recognising the person', type: 'string', maxLength: 40, read: INTERNAL, write: MUNICIPALITY, internalOnly: true, identifying: true },
  { key: 'gender', label: { nl: 'Geslacht', en: 'Gender' }, purpose: 'internal', type: 'enum', options: GENDERS, read: INTERNAL, write: MUNICIPALITY, internalOnly: true },
  { key: 'birthDate', label: { nl: 'Geboortedatum', en: 'Birth date' }, purpose: 'internal', type: 'date', read: INTERNAL, write: MUNICIPALITY, internalOnly: true, identifying: true },
  { key: 'supportingMunicipality', label: { nl: 'Gemeente die je ondersteunt', en: 'Supporting municipality' }, purpose: 'internal', type: 'string', maxLength: 120, read: INTERNAL, write: MUNICIPALITY, internalOnly: true },
  { key: 'supportLevel', label: { nl: 'Mate van ondersteuning', en: 'Support level' }, purpose: 'internal', type: 'enum', options: SUPPORT_LEVELS, read: INTERNAL, write: MUNICIPALITY, internalOnly: true },
  { key: 'clientManagerName', label: { nl: 'Naam klantmanager', en: 'Client manager' }, purpose: 'internal', type: 'string', maxLength: 160, read: INTERNAL, write: MUNICIPALITY, internalOnly: true },
  { key: 'tozoGroup', label: { nl: 'ToZo-doelgroep', en: 'ToZo target group' }, purpose: 'internal', type: 'boolean', read: INTERNAL, write: MUNICIPALITY, internalOnly: true },
  // "Je kunt dit zelf invoeren, maar dit is niet verplicht": the person alone, never staff.
  {
    key: 'physicalCapacity',
    label: { nl: 'Belastbaarheid voor fysiek werk', en: 'Capacity for physical work' },
    help: { nl: 'Niet verplicht. Alleen jij kunt dit invullen.', en: 'Optional. Only you can fill this in.' },
    purpose: 'finding suitable work (health data, entered by the person)',
    type: 'object-list',
    maxItems: CAPACITY_ACTIVITIES.length,
    itemFields: [
      { key: 'activity', type: 'enum', required: true, options: CAPACITY_ACTIVITIES },
      { key: 'level', type: 'enum', required: true, options: CAPACITY_LEVELS },
    ],
    read: SHARED,
    write: PERSON,
    specialCategory: true,
  },
  // "In het veld kan alleen 'ja' of 'nee' staan, en niet de reden": a boolean holds no reason.
  { key: 'uwvTargetGroupRegister', label: { nl: 'In het doelgroepenregister van het UWV', en: 'In the UWV target-group register' }, purpose: 'employer incentives (Banenafspraak)', type: 'boolean', read: SHARED, write: MUNICIPALITY, specialCategory: true },
  // What the person adds: "interesses, talenten, motivatie, soort werk, voorkeursberoepen en overige cv-gegevens".
  freeText('interests', { nl: 'Interesses', en: 'Interests' }),
  freeText('talents', { nl: 'Talenten', en: 'Talents' }),
  freeText('motivation', { nl: 'Motivatie', en: 'Motivation' }),
  freeText('kindOfWork', { nl: 'Soort werk dat je graag doet', en: 'Kind of work you would like' }),
  {
    key: 'preferredOccupations',
    label: { nl: 'Voorkeursberoepen', en: 'Preferred occupations' },
    help: SPECIAL_DATA_WARNING,
    purpose: 'matching',
    type: 'string-list',
    maxItems: 20,
    maxLength: 120,
    read: SHARED,
    write: PERSON,
    refuses: ['bsn'],
    searchable: 'text',
  },
  {
    key: 'workHistory',
    label: { nl: 'Werkervaring', en: 'Work history' },
    help: SPECIAL_DATA_WARNING,
    purpose: 'matching',
    type: 'object-list',
    maxItems: 30,
    itemFields: [
      { key: 'role', type: 'string', required: true, maxLength: 160 },
      { key: 'employer', type: 'string', maxLength: 160 },
      { key: 'from', type: 'date' },
      { key: 'to', type: 'date' },
      { key: 'description', type: 'text', maxLength: 2000 },
    ],
    read: SHARED,
    write: PERSON,
    refuses: ['bsn'],
    searchable: 'text',
  },
  // "Ook is het mogelijk om foto's, een video en documenten te uploaden."
  upload('cv', { nl: 'CV', en: 'CV' }, ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], true),
  upload('photo', { nl: "Foto's", en: 'Photos' }, ['image/jpeg', 'image/png'], true),
  upload('video', { nl: 'Video', en: 'Video' }, ['video/mp4', 'video/webm'], true),
  upload('document', { nl: 'Documenten', en: 'Documents' }, ['application/pdf', 'image/jpeg', 'image/png']),
];
