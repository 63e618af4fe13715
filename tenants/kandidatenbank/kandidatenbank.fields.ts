import type { FieldDefinition } from '../../libs/plugin-api/src/index.js';

const EDUCATION_LEVELS = ['vmbo', 'mbo', 'havo', 'vwo', 'hbo', 'wo'] as const;

/**
 * Statement 001, "Welke persoonsgegevens verzamelen wij van u?". Where it is silent about who sees
 * a field, the choice that protects the jobseeker is made (see README.md in this folder).
 */
export const kandidatenbankFields: readonly FieldDefinition[] = [
  { key: 'firstName', label: { nl: 'Voornaam', en: 'First name' }, type: 'string', required: true, maxLength: 80, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], identifying: true },
  { key: 'lastName', label: { nl: 'Achternaam', en: 'Last name' }, type: 'string', required: true, maxLength: 120, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], identifying: true },
  { key: 'phone', label: { nl: 'Telefoon', en: 'Phone' }, type: 'phone', read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], identifying: true },
  { key: 'street', label: { nl: 'Adres', en: 'Address' }, type: 'string', maxLength: 200, read: ['self', 'staff', 'tenant-admin'], write: ['self', 'staff'], identifying: true },
  { key: 'postcode', label: { nl: 'Postcode', en: 'Postcode' }, type: 'postcode', read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], identifying: true },
  { key: 'city', label: { nl: 'Woonplaats', en: 'City' }, type: 'string', maxLength: 120, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], searchable: 'filter', whileAnonymous: 'shown' },
  // Birth date and gender are kept from employers: they invite discrimination and no promise needs them shown.
  { key: 'birthDate', label: { nl: 'Geboortedatum', en: 'Date of birth' }, type: 'date', read: ['self', 'staff', 'tenant-admin'], write: ['self', 'staff'] },
  { key: 'gender', label: { nl: 'Geslacht', en: 'Gender' }, type: 'enum', options: ['female', 'male', 'other', 'undisclosed'], read: ['self', 'staff', 'tenant-admin'], write: ['self', 'staff'] },
  { key: 'headline', label: { nl: 'Gewenste functie', en: 'Desired job' }, type: 'string', maxLength: 160, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], searchable: 'text', whileAnonymous: 'shown' },
  { key: 'summary', label: { nl: 'Over mij', en: 'About me' }, type: 'text', maxLength: 4000, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], searchable: 'text' },
  { key: 'educationLevel', label: { nl: 'Opleidingsniveau', en: 'Education level' }, type: 'enum', options: EDUCATION_LEVELS, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], searchable: 'filter' },
  { key: 'hoursPerWeek', label: { nl: 'Uren per week', en: 'Hours per week' }, type: 'integer', min: 1, max: 60, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], searchable: 'filter' },
  {
    key: 'workExperience',
    label: { nl: 'Werkervaring en stages', en: 'Work experience and internships' },
    type: 'object-list',
    maxItems: 30,
    itemFields: [
      { key: 'employer', type: 'string', maxLength: 160 },
      { key: 'role', type: 'string', required: true, maxLength: 160, whileAnonymous: 'shown' },
      { key: 'from', type: 'date' },
      { key: 'to', type: 'date' },
      { key: 'description', type: 'text', maxLength: 2000 },
    ],
    read: ['self', 'staff', 'tenant-admin', 'employer'],
    write: ['self', 'staff'],
    searchable: 'text',
  },
  {
    key: 'education',
    label: { nl: 'Opleidingen', en: 'Education' },
    type: 'object-list',
    maxItems: 20,
    itemFields: [
      { key: 'name', type: 'string', required: true, maxLength: 200, whileAnonymous: 'shown' },
      { key: 'institution', type: 'string', maxLength: 200 },
      { key: 'year', type: 'integer', min: 1950, max: 2100 },
    ],
    read: ['self', 'staff', 'tenant-admin', 'employer'],
    write: ['self', 'staff'],
    searchable: 'text',
  },
  { key: 'trainings', label: { nl: 'Trainingen en cursussen', en: 'Trainings and courses' }, type: 'string-list', maxItems: 30, maxLength: 200, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], searchable: 'text' },
  // Test results come from the organisations' assessments: staff record them, employers may read them.
  { key: 'testResults', label: { nl: 'Testresultaten', en: 'Test results' }, type: 'text', maxLength: 4000, read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['staff'] },
  { key: 'references', label: { nl: 'Referenties', en: 'References' }, type: 'text', maxLength: 4000, read: ['self', 'staff', 'tenant-admin'], write: ['self', 'staff'] },
  { key: 'cv', label: { nl: 'CV', en: 'CV' }, type: 'document', accept: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self', 'staff'], identifying: true },
  { key: 'photo', label: { nl: 'Pasfoto', en: 'Photo' }, type: 'document', accept: ['image/jpeg', 'image/png'], read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self'], identifying: true, consent: 'photo' },
  { key: 'video', label: { nl: 'Video', en: 'Video' }, type: 'document', accept: ['video/mp4', 'video/webm'], read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self'], identifying: true, consent: 'video' },
  // "Wij leggen uitsluitend bijzondere persoonsgegevens vast ... voor zover daar toestemming is gegeven":
  // recorded only after the person's consent, and kept from employers.
  { key: 'workAccommodations', label: { nl: 'Gezondheid en aanpassingen op het werk', en: 'Health and workplace accommodations' }, type: 'text', maxLength: 2000, read: ['self', 'staff', 'tenant-admin'], write: ['self', 'staff'], specialCategory: true, consent: 'healthData' },
  { key: 'staffNotes', label: { nl: 'Notities (intern)', en: 'Notes (internal)' }, type: 'text', maxLength: 4000, read: ['self', 'staff', 'tenant-admin'], write: ['staff'], internalOnly: true },
];
