/**
 * What the tenant declares for its partners' work (statement 002: "de acties die je hebt
 * ondernomen om de opdracht van VDAB uit te voeren"). Kept as data so the DTOs, the OpenAPI
 * document and the README all read the same list.
 */
export const ACTION_TYPES = [
  'intake',
  'coaching-session',
  'job-application-support',
  'training-referral',
  'vacancy-referral',
  'workplace-visit',
  'evaluation',
  'closing-report',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_OUTCOMES = ['completed', 'no-show', 'cancelled', 'follow-up-planned'] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

/** Kinds of assignment the service contracts out ("opdracht zoals omschreven in de overeenkomst"). */
export const ASSIGNMENT_KINDS = ['job-coaching', 'training', 'intensive-guidance', 'work-placement'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/**
 * Documents attached to an action: what a partner's report or a jobseeker's letter comes as. The
 * type is judged by the bytes; 10 MiB is the tenant's document limit (`profile.maxDocumentBytes`).
 */
export const ACTION_DOCUMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export const ACTION_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
