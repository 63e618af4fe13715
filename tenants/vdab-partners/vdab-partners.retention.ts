import type { RetentionSchedule } from '../../libs/plugin-api/src/index.js';

/**
 * Statement 002, "Hoelang bewaart VDAB je persoonsgegevens?": "niet langer dan nodig om onze taak
 * te kunnen uitoefenen". The period after access ends is this tenant's proposal (README, "Retention").
 */
export const vdabPartnersRetention: readonly RetentionSchedule[] = [
  {
    key: 'partner-staff-after-access',
    personKind: 'partner-staff',
    // The end of the person's access to the partner environment (revoked, or the agreement ended).
    anchor: 'end-of-contract',
    reminders: [],
    respondedBy: [],
    finalAt: { years: 2 },
    finalAction: 'delete',
    promise:
      'Je identificatie- en contactgegevens worden 2 jaar nadat je toegang tot Mijn Loopbaan voor Partners eindigt verwijderd. De acties die je registreerde blijven in de dossiers, op naam van je organisatie.',
  },
  {
    // Jobseekers' own data is governed by the service's statement for jobseekers, not by 002; the
    // platform requires a schedule, so the core's profiles (none are created here) end with the service.
    key: 'jobseeker-after-service',
    personKind: 'jobseeker',
    anchor: 'end-of-service',
    reminders: [],
    respondedBy: [],
    finalAt: { years: 5 },
    finalAction: 'delete',
    promise: 'Gegevens van werkzoekenden vallen onder de privacyverklaring voor werkzoekenden van VDAB.',
  },
];
