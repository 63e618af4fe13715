import type { RetentionSchedule } from '../../libs/plugin-api/src/index.js';

/**
 * Statement 000, "Retention periods". The reminder steps are a choice (README): one reminder in
 * each of the six months before deletion, the first saying six months are left.
 */
export const refugeeTalentPoolRetention: readonly RetentionSchedule[] = [
  {
    key: 'jobseeker-inactivity',
    personKind: 'jobseeker',
    anchor: 'last-interaction',
    reminders: [
      { kind: 'once', at: { months: 12 }, template: 'retention-reminder-first' },
      { kind: 'repeat', from: { months: 13 }, every: { months: 1 }, times: 5, template: 'retention-reminder-monthly' },
    ],
    respondedBy: ['link-click', 'sign-in', 'any-interaction'],
    finalAt: { months: 18 },
    finalAction: 'delete',
    promise:
      'We store your information for up to 1.5 years after your last interaction. After one year you receive a reminder that your account will be deleted in six months, then a reminder each month; if you do not respond, your account is deleted automatically.',
  },
  {
    key: 'employer-contact-contract',
    personKind: 'employer-contact',
    anchor: 'end-of-contract',
    reminders: [],
    respondedBy: [],
    // Kept "as long as we have a contract with you or you are an employer using our service": removed the day after.
    finalAt: { days: 1 },
    finalAction: 'delete',
    promise:
      'We store business contact information (name, business e-mail address and phone number) as long as we have a contract with you or you are an employer using the platform.',
  },
];
