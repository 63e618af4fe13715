import type { TemplateDefinition } from '../../libs/plugin-api/src/index.js';

/** Mails to the person about their own dossier: a move to another municipality, the offer after finding work, a coach's personal mail, a new assignment, the nudges. */
export const hallowerkPersonMailTemplates: readonly TemplateDefinition[] = [
  {
    // The person learns which municipality now holds their dossier (and so who is their controller).
    key: 'municipality-move',
    category: 'transactional',
    variables: ['municipality'],
    sample: { municipality: 'Gemeente Schiedam' },
  },
  {
    // Statement 004, step 4: the offer to switch the profile off; nothing changes until the person acts.
    key: 'work-found',
    category: 'transactional',
    variables: ['hideUrl'],
    sample: { hideUrl: 'https://hallowerk.localhost/t/hallowerk/profile' },
  },
  {
    // Statement 004: "Op basis van jouw profiel kan een coach ... je persoonlijke en gerichte e-mails sturen".
    key: 'coach-message',
    category: 'transactional',
    variables: ['subject', 'message', 'profileUrl'],
    sample: {
      subject: 'Je profiel',
      message: 'Hoi Sanne,\n\nIk zag dat je graag buiten werkt. Vul je motivatie nog aan, dan kunnen we gericht zoeken.\n\nGroet, Mark',
      profileUrl: 'https://hallowerk.localhost/t/hallowerk/profile',
    },
  },
  {
    // A coach gave a career assignment or assessment: the person hears of it, and where to do it.
    key: 'assignment-given',
    category: 'transactional',
    variables: ['title', 'dueOn', 'assignmentsUrl'],
    sample: { title: 'Beroepskeuzetest', dueOn: '2027-02-01', assignmentsUrl: 'https://hallowerk.localhost/t/hallowerk/x/assignments' },
  },
  {
    // A nudge (statement 004: "ons e-mailsysteem [kan] je persoonlijke en gerichte e-mails sturen"): a reminder, so the person can stop them.
    key: 'nudge-complete-profile',
    category: 'reminder',
    variables: ['name', 'profileUrl', 'missingFields'],
    sample: { name: 'Sanne de Vries', profileUrl: 'https://hallowerk.localhost/t/hallowerk/profile', missingFields: 'Motivatie, Interesses' },
  },
  {
    key: 'nudge-come-back',
    category: 'reminder',
    variables: ['name', 'profileUrl'],
    sample: { name: 'Sanne de Vries', profileUrl: 'https://hallowerk.localhost/t/hallowerk/profile' },
  },
];
