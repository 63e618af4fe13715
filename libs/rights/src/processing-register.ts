import { createHash } from 'node:crypto';
import { htmlPage } from '../../http/src/index.js';
import type { RightsDeclaration, TenantDefinition } from '../../plugin-api/src/index.js';
import {
  CORE_AUDIT_ACTIVITIES,
  DEFAULT_LIFT_NOTICE_WORKING_DAYS,
  DEFAULT_RIGHTS,
  declaredProcessingActivities,
  UNCLASSIFIED_ACTIVITY,
} from '../../plugin-api/src/index.js';
import {
  declaredFields,
  describeRetention,
  localised,
  type DeclaredField,
} from './declared-data.js';

/**
 * The record of processing activities (GDPR art. 30), generated from the tenant's declaration, so
 * the statement and the system cannot drift apart: what the platform enforces is what it lists.
 */
export interface ProcessingRegister {
  tenant: string;
  controller: string;
  statement: string;
  /** Changes whenever the declaration behind the register changes. */
  version: string;
  activities: {
    purpose: string;
    legalBasis: string;
    categoriesOfPeople: string[];
    categoriesOfData: {
      key: string;
      label: string;
      identifying: boolean;
      specialCategory: boolean;
    }[];
    recipients: string[];
    retention: string[];
  }[];
  /**
   * The activities an audit entry names (Logboek Dataverwerkingen), with the audit actions that
   * belong to each; entries logged before activities were carry `unclassifiedBefore`.
   */
  processingActivities: {
    id: string;
    name: string;
    purpose: string;
    legalBasis: string;
    auditActions: string[];
  }[];
  unclassifiedBefore: string;
  consents: { purpose: string; label: string; version: string }[];
  retention: { personKind: string; rule: string }[];
  processors: { name: string; purpose: string }[];
  /** How the tenant answers data-subject requests (art. 12 to 21), as the platform enforces it. */
  dataSubjectRights: {
    deciders: string[];
    answeredWithin: string;
    /** Working days between the mail announcing the lift of a restriction and the lift (art. 18(3)). */
    liftNoticeWorkingDays: number;
    holidays: string;
  };
  /**
   * What is recorded of people's use of the platform and the nudges mailed by rule (statement 004),
   * or null where the tenant records no activity.
   */
  activityRecording: {
    signIns: boolean;
    trackedMails: string[];
    keptDays: number;
    readers: string;
    nudges: { rule: string; template: string; when: string; atMostEveryDays: number }[];
  } | null;
  problems: string[];
}

/** What makes a declared field unfit for the register: no purpose, no audience or no retention. */
export function registerProblems(def: TenantDefinition): string[] {
  return declaredFields(def).flatMap((f) => [
    ...(f.purpose ? [] : [`field "${f.key}" declares no purpose`]),
    ...(f.audience.length ? [] : [`field "${f.key}" declares no audience`]),
    ...(f.retention ? [] : [`field "${f.key}" has no retention schedule`]),
  ]);
}

export function processingRegister(
  def: TenantDefinition,
  locale = def.defaultLocale,
): ProcessingRegister {
  const fields = declaredFields(def, locale);
  const byPurpose = new Map<string, DeclaredField[]>();
  for (const f of fields)
    byPurpose.set(f.purpose ?? '(none declared)', [
      ...(byPurpose.get(f.purpose ?? '(none declared)') ?? []),
      f,
    ]);
  const consentBound = new Map(
    def.profile.fields.filter((f) => f.consent).map((f) => [f.key, f.consent!]),
  );
  const schedules = def.retention.map((s) => ({
    personKind: s.personKind,
    rule: describeRetention(s),
  }));
  const register: Omit<ProcessingRegister, 'version'> = {
    tenant: def.key,
    controller: def.name,
    statement: def.statement,
    activities: [...byPurpose].map(([purpose, list]) => {
      const consents = [
        ...new Set(
          list.flatMap((f) => (consentBound.has(f.key) ? [consentBound.get(f.key)!] : [])),
        ),
      ];
      return {
        purpose,
        legalBasis: consents.length
          ? `consent (${consents.join(', ')}) where marked; otherwise as the statement names`
          : 'as the statement names',
        categoriesOfPeople: ['jobseeker'],
        categoriesOfData: list.map((f) => ({
          key: f.key,
          label: f.label,
          identifying: f.identifying,
          specialCategory: f.specialCategory,
        })),
        recipients: [...new Set(list.flatMap((f) => f.audience))].filter((a) => a !== 'self'),
        retention: [...new Set(list.flatMap((f) => (f.retention ? [f.retention] : [])))],
      };
    }),
    processingActivities: declaredProcessingActivities(def.processing).map((a) => ({
      id: a.id,
      name: a.name,
      purpose: a.purpose,
      legalBasis: a.legalBasis,
      auditActions: [
        ...Object.entries(CORE_AUDIT_ACTIVITIES as Readonly<Record<string, string>>),
        ...Object.entries(def.processing?.auditActions ?? {}),
      ]
        .filter(([, activity]) => activity === a.id)
        .map(([action]) => action)
        .sort(),
    })),
    unclassifiedBefore: UNCLASSIFIED_ACTIVITY,
    consents: def.consents.map((c) => ({
      purpose: c.key,
      label: localised(c.label, locale, def.defaultLocale),
      version: c.version,
    })),
    retention: schedules,
    processors: [...((def.rights ?? DEFAULT_RIGHTS).processors ?? [])],
    dataSubjectRights: rightsSummary(def.rights ?? DEFAULT_RIGHTS),
    activityRecording: activitySummary(def),
    problems: registerProblems(def),
  };
  const version = createHash('sha256').update(JSON.stringify(register)).digest('hex').slice(0, 12);
  return { ...register, version };
}

function rightsSummary(r: RightsDeclaration): ProcessingRegister['dataSubjectRights'] {
  const holidays = r.holidays ?? 'NL';
  return {
    deciders: [...r.deciders],
    answeredWithin: r.promiseWorkingDays
      ? `${r.promiseWorkingDays} working days (weekends and ${holidays} public holidays not counted), within the month the law gives`
      : 'one month, as the law counts it (art. 12(3)); extended once, with the reason told to the person',
    liftNoticeWorkingDays: r.liftNoticeWorkingDays ?? DEFAULT_LIFT_NOTICE_WORKING_DAYS,
    holidays,
  };
}

function activitySummary(def: TenantDefinition): ProcessingRegister['activityRecording'] {
  const a = def.activity;
  if (!a) return null;
  const purposes = a.staffDelegatedPurposes ?? [];
  return {
    signIns: a.signIns,
    trackedMails: [...a.trackedMails],
    keptDays: a.keepDays,
    readers: `the person; staff of the person's own organisation units${purposes.length ? `; staff holding running delegated access for ${purposes.join(', ')}` : ''}`,
    nudges: (a.nudges ?? []).map((n) => ({
      rule: n.key,
      template: n.template,
      when: [
        ...(n.when.noSignInForDays !== undefined ? [`no sign-in for ${n.when.noSignInForDays} days`] : []),
        ...(n.when.missingAnyOf?.length ? [`one of ${n.when.missingAnyOf.join(', ')} empty`] : []),
      ].join(' and '),
      atMostEveryDays: n.atMostEveryDays,
    })),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same register as a page a supervisory authority or a person can read. */
export function registerHtml(r: ProcessingRegister): string {
  const list = (xs: readonly string[]) =>
    xs.length ? `<ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '<p>none</p>';
  const activities = r.activities
    .map(
      (a) => `<section><h2>${esc(a.purpose)}</h2>
<p>Legal basis: ${esc(a.legalBasis)}</p>
<h3>People</h3>${list(a.categoriesOfPeople)}
<h3>Data</h3>${list(a.categoriesOfData.map((d) => `${d.label}${d.specialCategory ? ' (special category)' : ''}`))}
<h3>Recipients</h3>${list(a.recipients)}
<h3>Retention</h3>${list(a.retention)}</section>`,
    )
    .join('\n');
  return htmlPage({
    lang: 'en',
    title: `Record of processing activities: ${r.controller}`,
    body: `<main>
<h1>Record of processing activities (GDPR art. 30): ${esc(r.controller)}</h1>
<p>Statement ${esc(r.statement)}, version ${esc(r.version)}.</p>
${activities}
<section><h2>Processing activities in the audit log</h2>${list(r.processingActivities.map((a) => `${a.id}: ${a.name}. ${a.purpose} (${a.legalBasis}); actions ${a.auditActions.join(', ') || 'none'}`))}
<p>Entries logged before entries named their activity carry ${esc(r.unclassifiedBefore)}.</p></section>
<section><h2>Consents asked</h2>${list(r.consents.map((c) => `${c.label} (${c.purpose}, version ${c.version})`))}</section>
<section><h2>Retention per kind of person</h2>${list(r.retention.map((x) => `${x.personKind}: ${x.rule}`))}</section>
<section><h2>Processors</h2>${list(r.processors.map((p) => `${p.name}: ${p.purpose}`))}</section>
<section><h2>Activity recorded and reminders mailed</h2>${
    r.activityRecording
      ? list([
          `sign-ins: ${r.activityRecording.signIns ? 'recorded' : 'not recorded'}`,
          `opens and link clicks of the mails ${r.activityRecording.trackedMails.join(', ') || '(none)'}`,
          `kept ${r.activityRecording.keptDays} days`,
          `read by ${r.activityRecording.readers}`,
          ...r.activityRecording.nudges.map((n) => `reminder ${n.rule} (${n.template}) when ${n.when}, at most every ${n.atMostEveryDays} days; it only mails, it decides nothing`),
        ])
      : '<p>none</p>'
  }</section>
<section><h2>Data-subject requests</h2>${list([
    `decided by: ${r.dataSubjectRights.deciders.join(', ')} (never by the platform alone)`,
    `answered within ${r.dataSubjectRights.answeredWithin}`,
    `a restriction of processing is lifted ${r.dataSubjectRights.liftNoticeWorkingDays} working days (weekends and ${r.dataSubjectRights.holidays} public holidays not counted) after the person is told (art. 18(3))`,
  ])}</section>
</main>`,
  });
}
