import { fileURLToPath } from 'node:url';
import { DEFAULT_RIGHTS, defineTenant } from '../../libs/plugin-api/src/index.js';
import { kandidatenbankFields } from './kandidatenbank.fields.js';
import { kandidatenbankPortal } from './kandidatenbank.portal.js';

/**
 * The multi-organisation recruitment site with a candidate bank of statement 001. Its behaviour is
 * the platform's default; this folder only declares what is specific to it.
 */
export const kandidatenbank = defineTenant({
  key: 'kandidatenbank',
  name: 'Kandidatenbank',
  statement: '001_ebdb549d5bd95072.txt',
  locales: ['nl', 'en'],
  defaultLocale: 'nl',
  domains: ['kandidatenbank.localhost'],
  profile: {
    fields: kandidatenbankFields,
    aliasPrefix: { nl: 'Kandidaat', en: 'Candidate' },
    maxDocumentBytes: 10 * 1024 * 1024,
  },
  visibility: {
    candidateBank: {
      searchers: ['employer', 'staff', 'tenant-admin'],
      // "alle recruiters van de organisatie(s) die toegang heeft/hebben tot de kandidatenbank"
      employerAccess: 'org-units-with-bank-access',
      employerIdentity: 'unless-anonymous',
      staffScope: 'tenant',
      // "Uw kandidaatprofiel is na activering een jaar zichtbaar in de kandidatenbank."
      listedFor: { months: 12 },
    },
    // "Bij sollicitatie: de in de vacature genoemde contactpersonen (recruiters) en/of de betreffende manager(s)."
    applications: { visibleTo: ['vacancy-contacts', 'employer-managers', 'staff'] },
  },
  // Who decides is the platform's default; the CV part of an export as a JSON Resume document.
  rights: {
    ...DEFAULT_RIGHTS,
    resume: {
      name: ['firstName', 'lastName'],
      label: 'headline',
      phone: 'phone',
      summary: 'summary',
      location: { address: 'street', postalCode: 'postcode', city: 'city' },
      work: { field: 'workExperience', items: { name: 'employer', position: 'role', startDate: 'from', endDate: 'to', summary: 'description' } },
      education: { field: 'education', items: { area: 'name', institution: 'institution', endDate: 'year' } },
    },
  },
  consents: [
    {
      key: 'photo',
      label: { nl: 'Pasfoto tonen', en: 'Show photo' },
      text: {
        nl: 'Ik geef toestemming om mijn pasfoto te tonen aan recruiters met toegang tot de kandidatenbank.',
        en: 'I consent to showing my photo to recruiters with access to the candidate bank.',
      },
      version: '2023-07',
      asked: 'once',
      withdrawable: true,
    },
    {
      key: 'video',
      label: { nl: 'Video tonen', en: 'Show video' },
      text: {
        nl: 'Ik geef toestemming om mijn video te tonen aan recruiters met toegang tot de kandidatenbank.',
        en: 'I consent to showing my video to recruiters with access to the candidate bank.',
      },
      version: '2023-07',
      asked: 'once',
      withdrawable: true,
    },
    {
      key: 'healthData',
      label: { nl: 'Gezondheidsgegevens vastleggen', en: 'Record health data' },
      text: {
        nl: 'Ik geef toestemming om gegevens over mijn gezondheid en benodigde aanpassingen op het werk vast te leggen, zodat de organisaties mij beter kunnen begeleiden. Werkgevers zien deze gegevens niet.',
        en: 'I consent to recording data about my health and the workplace accommodations I need, so the organisations can support me better. Employers do not see this data.',
      },
      version: '2023-07',
      asked: 'once',
      withdrawable: true,
    },
    {
      key: 'newsletter',
      label: { nl: 'Nieuwsbrief', en: 'Newsletter' },
      text: { nl: 'Ik wil de nieuwsbrief ontvangen.', en: 'I want to receive the newsletter.' },
      version: '2023-07',
      asked: 'once',
      withdrawable: true,
    },
  ],
  settings: [
    {
      key: 'reconfirmWindowDays',
      label: { nl: 'Reactietermijn na herinnering (dagen)', en: 'Days to answer the re-confirmation mail' },
      type: 'integer',
      default: 30,
      min: 7,
      max: 90,
      unit: 'days',
    },
  ],
  retention: [
    {
      key: 'jobseeker-listing',
      personKind: 'jobseeker',
      anchor: 'activation',
      reminders: [{ kind: 'once', at: { months: 12 }, template: 'profile-reconfirm' }],
      respondedBy: ['link-click', 'sign-in'],
      finalAt: { months: 12, days: 30 },
      finalAction: 'inactivate',
      adjustableBy: ['reconfirmWindowDays'],
      promise:
        'Na activering een jaar zichtbaar; daarna een e-mail met activatielink; zonder klik binnen de gestelde periode wordt het profiel geïnactiveerd.',
    },
  ],
  mail: {
    templatesDir: fileURLToPath(new URL('./mail', import.meta.url)),
    templates: [
      {
        key: 'verify-email',
        category: 'transactional',
        variables: ['name', 'verifyUrl'],
        sample: { name: 'Sam', verifyUrl: 'https://kandidatenbank.example/verify?t=sample' },
      },
      {
        key: 'profile-reconfirm',
        category: 'reminder',
        variables: ['name', 'confirmUrl', 'deadline'],
        sample: { name: 'Sam', confirmUrl: 'https://kandidatenbank.example/confirm?t=sample', deadline: '1 maart 2027' },
      },
      // "Wil je onze vacatures ontvangen? Registreer je dan!": vacancy alerts, double opt-in.
      {
        key: 'alert-confirm',
        category: 'transactional',
        variables: ['name', 'alertName', 'confirmUrl'],
        sample: { name: 'Sam', alertName: 'monteur, Utrecht +25 km', confirmUrl: 'https://kandidatenbank.example/alerts/confirm?token=sample' },
      },
      {
        key: 'vacancy-alert',
        category: 'alert',
        variables: ['name', 'alertName', 'vacancies', 'manageUrl'],
        sample: {
          name: 'Sam',
          alertName: 'monteur, Utrecht +25 km',
          vacancies: [{ title: 'Monteur', employer: 'Acme Techniek BV', city: 'Utrecht', url: 'https://kandidatenbank.example/vacancies/1' }],
          manageUrl: 'https://kandidatenbank.example/alerts/manage?token=sample',
        },
      },
      {
        key: 'vacancy-alert-digest',
        category: 'alert',
        variables: ['name', 'alertName', 'vacancies', 'manageUrl'],
        sample: {
          name: 'Sam',
          alertName: 'monteur, Utrecht +25 km',
          vacancies: [
            { title: 'Monteur', employer: 'Acme Techniek BV', city: 'Utrecht', url: 'https://kandidatenbank.example/vacancies/1' },
            { title: 'Elektricien', employer: 'Acme Techniek BV', city: 'Zeist', url: 'https://kandidatenbank.example/vacancies/2' },
          ],
          manageUrl: 'https://kandidatenbank.example/alerts/manage?token=sample',
        },
      },
    ],
    branding: {
      senderName: 'Kandidatenbank',
      senderAddress: 'noreply@kandidatenbank.example',
      primaryColour: '#0b5394',
      footer: {
        nl: 'Je ontvangt deze e-mail omdat je een profiel hebt in de kandidatenbank.',
        en: 'You receive this e-mail because you have a profile in the candidate bank.',
      },
    },
  },
  portal: kandidatenbankPortal,
  demo: {
    orgUnits: [
      { key: 'acme', name: 'Acme Techniek BV', kind: 'employer', candidateBankAccess: true },
      { key: 'bakkerij', name: 'Bakkerij De Korenaar', kind: 'employer', candidateBankAccess: false },
    ],
    accounts: [
      { email: 'admin@kandidatenbank.example', password: 'demo-kandidatenbank-2026', displayName: 'Beheer', roles: ['tenant-admin'] },
      { email: 'coach@kandidatenbank.example', password: 'demo-kandidatenbank-2026', displayName: 'Coach Carla', roles: ['staff'] },
      {
        email: 'recruiter@acme.example',
        password: 'demo-kandidatenbank-2026',
        displayName: 'Rik Recruiter',
        roles: ['employer'],
        orgUnit: 'acme',
      },
      {
        email: 'sam@jobseeker.example',
        password: 'demo-kandidatenbank-2026',
        displayName: 'Sam de Vries',
        roles: ['jobseeker'],
      },
      {
        email: 'partner@kandidatenbank.example',
        password: 'demo-kandidatenbank-2026',
        displayName: 'Petra Partner',
        roles: ['partner'],
      },
    ],
    vacancies: [
      {
        orgUnit: 'acme',
        title: 'Monteur elektrotechniek',
        description: 'Acme Techniek zoekt een monteur voor installaties in nieuwbouwwoningen in de regio Utrecht. Je werkt in een klein team en krijgt een opleiding op het werk.',
        city: 'Utrecht',
        hours: { min: 32, max: 40 },
        contractType: 'permanent',
        educationLevel: 'vocational',
      },
    ],
  },
});
