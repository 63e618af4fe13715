import type { Audience, FieldDefinition, Localised, RefusedValue, Writer } from '../../libs/plugin-api/src/index.js';

/** The person, WinWinWerkt's staff and (statement 2.4) the client of a vacancy the person applied to. */
const SHARED: readonly Audience[] = ['self', 'staff', 'employer'];
const OWN: readonly Audience[] = ['self', 'staff'];
const PERSON: readonly Writer[] = ['self'];
const PERSON_OR_STAFF: readonly Writer[] = ['self', 'staff'];

/**
 * Statement 003, 2.7: "Bijzondere gegevens zoals je paspoort, Burger Service Nummer en bankrekening
 * worden uitsluitend opgeslagen in het CRM-systeem van One Payroll". Every field a person or staff
 * member types refuses them, and the refusal says where they go instead.
 */
export const PAYROLL_DATA: readonly RefusedValue[] = ['bsn', 'iban', 'passport'];
export const PAYROLL_NOTE =
  'paspoort, BSN en bankrekening worden nooit bij WinWinWerkt opgeslagen: ga je als uitzendkracht aan de slag, dan geef je ze alleen aan onze payrollpartner One Payroll (de juridische werkgever)';

/** Availability (statement 2.1); "niet meer beschikbaar + altijd" is no value but the deletion itself. */
export const AVAILABILITY = ['beschikbaar', 'passief'] as const;

/** Statement 2.2: every six months by default; the person chooses, within these bounds. */
export const REMINDER_MONTHS = { default: 6, min: 1, max: 12 } as const;

const WARNING: Localised = {
  nl: 'Vul hier nooit je paspoortnummer, BSN of bankrekeningnummer in: die gegevens gaan alleen naar onze payrollpartner One Payroll.',
  en: 'Never enter your passport number, citizen service number (BSN) or bank account here: those go to our payroll partner One Payroll only.',
};

const text = (key: string, label: Localised, opts: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label,
  help: WARNING,
  purpose: 'arbeidsbemiddeling',
  type: 'text',
  maxLength: 4000,
  read: SHARED,
  write: PERSON,
  refuses: PAYROLL_DATA,
  refusesNote: PAYROLL_NOTE,
  ...opts,
});

/** Statement 003, 2.1 and 2.4: what labour-market mediation needs, kept as summary as possible. */
export const winwinwerktFields: readonly FieldDefinition[] = [
  { key: 'firstName', label: { nl: 'Voornaam', en: 'First name' }, purpose: 'arbeidsbemiddeling', type: 'string', required: true, minLength: 1, maxLength: 80, read: SHARED, write: PERSON_OR_STAFF, identifying: true, refuses: PAYROLL_DATA, refusesNote: PAYROLL_NOTE },
  { key: 'lastName', label: { nl: 'Achternaam', en: 'Last name' }, purpose: 'arbeidsbemiddeling', type: 'string', required: true, minLength: 1, maxLength: 120, read: SHARED, write: PERSON_OR_STAFF, identifying: true, refuses: PAYROLL_DATA, refusesNote: PAYROLL_NOTE },
  { key: 'phone', label: { nl: 'Telefoonnummer', en: 'Phone number' }, purpose: 'arbeidsbemiddeling', type: 'phone', read: SHARED, write: PERSON_OR_STAFF, identifying: true },
  { key: 'city', label: { nl: 'Woonplaats', en: 'City' }, purpose: 'arbeidsbemiddeling', type: 'string', maxLength: 120, read: SHARED, write: PERSON_OR_STAFF, whileAnonymous: 'shown', refuses: PAYROLL_DATA, refusesNote: PAYROLL_NOTE },
  { key: 'desiredJob', label: { nl: 'Gewenste functie', en: 'Desired job' }, purpose: 'arbeidsbemiddeling', type: 'string', maxLength: 160, read: SHARED, write: PERSON, whileAnonymous: 'shown', searchable: 'text', refuses: PAYROLL_DATA, refusesNote: PAYROLL_NOTE },
  // Statement 2.1: "passief ... omdat je tijdelijk een baan hebt"; reminders continue either way.
  { key: 'availability', label: { nl: 'Beschikbaarheid', en: 'Availability' }, purpose: 'arbeidsbemiddeling', type: 'enum', options: AVAILABILITY, read: OWN, write: PERSON },
  // Statement 2.2: "Je kan de frequentie ... aanpassen in je profiel", within the tenant's bounds.
  {
    key: 'reminderEveryMonths',
    label: { nl: 'Herinneringsmail elke ... maanden', en: 'Reminder mail every ... months' },
    purpose: 'herinnering aan je inschrijving',
    type: 'integer',
    min: REMINDER_MONTHS.min,
    max: REMINDER_MONTHS.max,
    read: OWN,
    write: PERSON,
  },
  text('summary', { nl: 'Over mij', en: 'About me' }),
  text('motivation', { nl: 'Motivatiebrief', en: 'Motivation letter' }),
  {
    key: 'workHistory',
    label: { nl: 'Werkervaring', en: 'Work history' },
    help: WARNING,
    purpose: 'arbeidsbemiddeling',
    type: 'object-list',
    maxItems: 30,
    itemFields: [
      { key: 'role', type: 'string', required: true, maxLength: 160 },
      { key: 'employer', type: 'string', maxLength: 160 },
      { key: 'description', type: 'text', maxLength: 2000 },
    ],
    read: SHARED,
    write: PERSON,
    refuses: PAYROLL_DATA,
    refusesNote: PAYROLL_NOTE,
  },
  // Statement 2.4: "wat je ons vertelt tijdens het interview" is shared with the vacancy's client.
  text('interviewNotes', { nl: 'Verslag intakegesprek', en: 'Interview notes' }, { write: ['staff'], read: SHARED }),
  { key: 'cv', label: { nl: 'CV', en: 'CV' }, purpose: 'arbeidsbemiddeling', type: 'document', accept: ['application/pdf'], read: SHARED, write: PERSON, identifying: true, refuses: PAYROLL_DATA, refusesNote: PAYROLL_NOTE },
  { key: 'photo', label: { nl: 'Foto', en: 'Photo' }, purpose: 'arbeidsbemiddeling', type: 'document', accept: ['image/jpeg', 'image/png'], read: SHARED, write: PERSON, identifying: true },
];
