import { fileURLToPath } from 'node:url';
import type { TemplateDefinition } from '../../plugin-api/src/index.js';

/** Where the core's default templates live (copied next to the compiled code by the build). */
export const CORE_TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** The last step of the locale fallback chain: tenant locale, tenant default locale, then this. */
export const CORE_DEFAULT_LOCALE = 'en';
export const CORE_LOCALES = ['en', 'nl'] as const;

/**
 * Defaults for the mails the core itself sends, used when a tenant does not declare a template of
 * the same key. A tenant that declares the key replaces it entirely (its own words, its own files).
 */
const RIGHTS_SAMPLE = {
  name: 'Sam',
  kind: 'access',
  reference: 'RQ-7F3K2',
  dueOn: '2027-05-10',
  reason: 'the request needs documents from our archive',
  downloadUrl: 'https://example.org/t/sample/my-data/exports/sample',
  expiresAt: '2027-05-17',
  confirmUrl: 'https://example.org/rights/confirm?tenant=sample&token=sample',
  validHours: '24',
  liftsOn: '2027-05-17',
} as const;

export const CORE_TEMPLATES: readonly TemplateDefinition[] = [
  {
    key: 'verify-email',
    category: 'transactional',
    variables: ['name', 'verifyUrl'],
    sample: { name: 'Sam', verifyUrl: 'https://example.org/verify?t=sample' },
  },
  {
    key: 'password-reset',
    category: 'transactional',
    variables: ['name', 'resetUrl'],
    sample: { name: 'Sam', resetUrl: 'https://example.org/reset?t=sample' },
  },
  // An account someone else created (a municipality's import, statement 004): the holder chooses
  // the password with a single-use link that expires (libs/account-recovery).
  {
    key: 'account-invitation',
    category: 'transactional',
    variables: ['name', 'inviteUrl', 'validDays'],
    sample: { name: 'Sam', inviteUrl: 'https://example.org/reset-password?t=sample', validDays: '14' },
  },
  // Sent once per episode of failed sign-ins for an address (libs/account-recovery); a security
  // notice, so transactional: it cannot be unsubscribed from.
  {
    key: 'sign-in-attempts',
    category: 'transactional',
    variables: ['name', 'resetUrl'],
    sample: { name: 'Sam', resetUrl: 'https://example.org/reset-password?tenant=sample' },
  },
  {
    key: 'connection-request',
    category: 'notification',
    variables: ['name', 'requesterName', 'respondUrl'],
    sample: {
      name: 'Sam',
      requesterName: 'Acme Techniek',
      respondUrl: 'https://example.org/connections/sample',
    },
  },
  {
    key: 'vacancy-alert',
    category: 'alert',
    variables: ['name', 'alertName', 'vacancies', 'manageUrl'],
    sample: {
      name: 'Sam',
      alertName: 'Welder, Utrecht',
      vacancies: [
        { title: 'Welder (m/f/x)', url: 'https://example.org/vacancies/1' },
        { title: 'Pipe fitter', url: 'https://example.org/vacancies/2' },
      ],
      manageUrl: 'https://example.org/alerts/sample',
    },
  },
  // Vacancy alerts (libs/alerts): the double opt-in mail, then the daily digest next to the
  // immediate `vacancy-alert` above. Variables are exactly what the alert mailer passes.
  {
    key: 'alert-confirm',
    category: 'transactional',
    variables: ['name', 'alertName', 'confirmUrl'],
    sample: {
      name: 'Sam',
      alertName: 'Welder, Utrecht +25 km',
      confirmUrl: 'https://example.org/alerts/confirm?token=sample',
    },
  },
  {
    key: 'vacancy-alert-digest',
    category: 'alert',
    variables: ['name', 'alertName', 'vacancies', 'manageUrl'],
    sample: {
      name: 'Sam',
      alertName: 'Welder, Utrecht +25 km',
      vacancies: [
        {
          title: 'Welder (m/f/x)',
          employer: 'Acme Techniek',
          city: 'Utrecht',
          url: 'https://example.org/vacancies/1',
        },
        {
          title: 'Pipe fitter',
          employer: 'Acme Techniek',
          city: 'Zeist',
          url: 'https://example.org/vacancies/2',
        },
      ],
      manageUrl: 'https://example.org/alerts/manage?token=sample',
    },
  },
  {
    key: 'account-reminder',
    category: 'reminder',
    variables: ['name', 'confirmUrl', 'deadline'],
    sample: {
      name: 'Sam',
      confirmUrl: 'https://example.org/confirm?t=sample',
      deadline: '1 March 2027',
    },
  },
  // Data-subject requests (libs/rights): the person hears of every step that concerns them; the
  // overdue notice goes to the tenant's deciders. Transactional: the law requires the answer.
  ...(
    [
      ['rights-received', ['name', 'kind', 'reference', 'dueOn']],
      ['rights-extended', ['name', 'kind', 'reference', 'dueOn', 'reason']],
      ['rights-completed', ['name', 'kind', 'reference']],
      ['rights-refused', ['name', 'kind', 'reference', 'reason']],
      ['rights-lift-announced', ['name', 'reference', 'liftsOn', 'reason']],
      ['rights-lift-cancelled', ['name', 'reference']],
      ['rights-export-ready', ['name', 'kind', 'reference', 'downloadUrl', 'expiresAt']],
      ['rights-overdue', ['name', 'kind', 'reference', 'dueOn']],
      ['rights-due-soon', ['name', 'kind', 'reference', 'dueOn']],
      ['rights-confirm', ['name', 'kind', 'confirmUrl', 'validHours']],
    ] as const
  ).map(([key, variables]) => ({
    key,
    category: 'transactional' as const,
    variables: [...variables],
    sample: Object.fromEntries(variables.map((v) => [v, RIGHTS_SAMPLE[v]])),
  })),
];
