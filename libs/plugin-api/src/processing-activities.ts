/**
 * Processing activities: the entries of the record of processing activities (GDPR art. 30) that an
 * audit entry names, so a person can see for which processing their data was used (the
 * "Logboek Dataverwerkingen" standard asks every logged processing to carry its activity's id).
 */
export interface ProcessingActivity {
  /** Stable id written into every audit entry of this activity, e.g. `candidate-search`. */
  readonly id: string;
  /** Short name in the register. */
  readonly name: string;
  readonly purpose: string;
  readonly legalBasis: string;
}

/** The activity given to audit entries written before entries carried one; it is never written now. */
export const UNCLASSIFIED_ACTIVITY = 'unclassified-before-logboek';

/** Audit action names: dotted verbs, as the audit log's own check accepts them. */
export const AUDIT_ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const ACTIVITY_ID = /^[a-z][a-z0-9-]{2,60}$/;

/** What the core itself does with people's data; every tenant's register lists these. */
export const CORE_PROCESSING_ACTIVITIES = [
  {
    id: 'account-administration',
    name: 'Accounts and sign-in',
    purpose: 'Creating accounts, signing in, verifying addresses, resetting passwords and managing who may act for an organisation',
    legalBasis: 'performance of the agreement with the account holder (GDPR art. 6(1)(b))',
  },
  {
    id: 'platform-administration',
    name: 'Running the platform',
    purpose: 'Creating tenants, organisation units and settings, and granting or using delegated access',
    legalBasis: "legitimate interest of the controller in running the platform (GDPR art. 6(1)(f))",
  },
  {
    id: 'candidate-profile',
    name: 'Keeping the jobseeker profile',
    purpose: 'Registering, keeping, correcting and opening the profile and documents of a jobseeker',
    legalBasis: 'as the statement names for each field; consent where a field is bound to one',
  },
  {
    id: 'candidate-search',
    name: 'Finding candidates',
    purpose: 'Matching jobseekers with work: employers and partners searching the candidate bank and opening the profiles it lists',
    legalBasis: 'as the statement names; consent where a field is bound to one',
  },
  {
    id: 'job-applications',
    name: 'Vacancies and applications',
    purpose: 'Publishing vacancies and handling the applications people send',
    legalBasis: 'steps at the request of the applicant (GDPR art. 6(1)(b))',
  },
  {
    id: 'connections',
    name: 'Connections and messages',
    purpose: 'Contact between a jobseeker and an employer the jobseeker accepted, and their messages',
    legalBasis: 'consent of the jobseeker, given by accepting the connection (GDPR art. 6(1)(a))',
  },
  {
    id: 'vacancy-alerts',
    name: 'Vacancy alerts',
    purpose: 'Mailing new vacancies to people who asked for them with a double opt-in',
    legalBasis: 'consent (GDPR art. 6(1)(a))',
  },
  {
    id: 'mail-communication',
    name: 'Mail',
    purpose: 'Delivering mail, honouring opt-outs and acting on bounces and complaints',
    legalBasis: 'as the purpose of each mail; opt-outs as the law requires (GDPR art. 21(3))',
  },
  {
    id: 'consent-administration',
    name: 'Consents',
    purpose: 'Recording consents given and withdrawn, as proof (GDPR art. 7(1))',
    legalBasis: 'legal obligation (GDPR art. 6(1)(c) with art. 7(1))',
  },
  {
    id: 'retention',
    name: 'Retention and deletion',
    purpose: 'Reminding people before their data goes, and inactivating, anonymising or deleting it when its period ends; legal holds',
    legalBasis: 'legal obligation (GDPR art. 5(1)(e) and art. 17)',
  },
  {
    id: 'activity-follow-up',
    name: 'Activity and reminders',
    purpose:
      'Recording sign-ins, and the opening of personal mails and clicks on their links, where the tenant declares it; showing them to the person and the staff who support them; mailing the reminders the tenant declares. Nothing is decided by it',
    legalBasis: 'as the statement names; only for tenants that declare activity',
  },
  {
    id: 'data-subject-rights',
    name: 'Data-subject rights',
    purpose: 'Handling requests for access, portability, rectification, erasure, restriction and objection',
    legalBasis: 'legal obligation (GDPR art. 12 to 21)',
  },
] as const satisfies readonly ProcessingActivity[];

export type CoreProcessingActivityId = (typeof CORE_PROCESSING_ACTIVITIES)[number]['id'];

/**
 * A tenant's own processing: its activities (beyond the core's) and, for every audit action its
 * module writes, the activity it belongs to (its own or a core one). An entry whose action is not
 * mapped is refused when it is written, so nothing lands in the log without its activity.
 */
export interface ProcessingDeclaration {
  readonly activities?: readonly ProcessingActivity[];
  readonly auditActions?: Readonly<Record<string, string>>;
}

/** Problems in a tenant's processing declaration; empty when it is sound. `coreActions` are the core's own. */
export function processingProblems(
  p: ProcessingDeclaration | undefined,
  coreActions: readonly string[] = [],
): string[] {
  if (p === undefined) return [];
  const out: string[] = [];
  const core = new Set<string>(CORE_PROCESSING_ACTIVITIES.map((a) => a.id));
  const own = (p.activities ?? []).map((a) => a.id);
  for (const a of p.activities ?? []) {
    const at = `processing.activities "${a.id}"`;
    if (!ACTIVITY_ID.test(a.id ?? '')) out.push(`${at}: id must be lower-case words joined by hyphens`);
    if (core.has(a.id) || a.id === UNCLASSIFIED_ACTIVITY) out.push(`${at}: the core already declares this activity`);
    if (!a.name?.trim() || !a.purpose?.trim() || !a.legalBasis?.trim())
      out.push(`${at}: needs a name, a purpose and a legal basis`);
  }
  for (const d of own.filter((id, i) => own.indexOf(id) !== i)) out.push(`processing.activities: "${d}" is declared twice`);
  const known = new Set([...core, ...own]);
  for (const [action, activity] of Object.entries(p.auditActions ?? {})) {
    const at = `processing.auditActions "${action}"`;
    if (!AUDIT_ACTION.test(action)) out.push(`${at}: not an audit action name (dotted lower-case verbs)`);
    if (coreActions.includes(action)) out.push(`${at}: a core action; the core names its activity`);
    if (!known.has(activity)) out.push(`${at}: activity "${activity}" is not declared (core or processing.activities)`);
  }
  return out;
}

/** What a person or the register is told about entries older than activities in the log. */
export const UNCLASSIFIED_PROCESSING_ACTIVITY: ProcessingActivity = {
  id: UNCLASSIFIED_ACTIVITY,
  name: 'Recorded before activities were logged',
  purpose: 'An entry written before each entry named its processing activity; which one it was was not recorded',
  legalBasis: 'as the statement in force at the time named',
};

/** Every activity an audit entry of this tenant can name: the core's, then the tenant's own. */
export function declaredProcessingActivities(p: ProcessingDeclaration | undefined): ProcessingActivity[] {
  return [...CORE_PROCESSING_ACTIVITIES, ...(p?.activities ?? [])];
}
