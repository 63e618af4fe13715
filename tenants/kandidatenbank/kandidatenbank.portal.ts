import type { PortalDeclaration } from '../../libs/plugin-api/src/index.js';

/** The candidate bank's portal: the platform's pages in Dutch and English, and its accessibility statement. */
export const kandidatenbankPortal: PortalDeclaration = {
  intro: {
    nl: 'Vind een baan bij een van de aangesloten organisaties, of laat je vinden in de kandidatenbank.',
    en: 'Find a job with one of the member organisations, or let them find you in the candidate bank.',
  },
  accessibility: {
    organisation: 'Kandidatenbank',
    status: 'partially-compliant',
    statementDate: '2026-12-01',
    knownIssues: [
      {
        nl: 'Geüploade documenten (cv, pasfoto, video) van kandidaten worden niet op toegankelijkheid gecontroleerd.',
        en: 'Documents that candidates upload (CV, photo, video) are not checked for accessibility.',
      },
    ],
    contact: { email: 'toegankelijkheid@kandidatenbank.example', responseDays: 5 },
  },
};
