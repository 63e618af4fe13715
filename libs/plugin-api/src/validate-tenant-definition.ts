import { existsSync } from 'node:fs';
import { resumeProblems } from './resume.js';
import { rightsProblems } from './rights.js';
import { isAbsolute, join } from 'node:path';
import { FIELD_TYPES, FREE_TEXT_TYPES, REFUSED_VALUES, type FieldDefinition } from './fields.js';
import { PERSON_KINDS, RETENTION_ANCHORS, type Period, type RetentionSchedule } from './retention.js';
import { AUDIENCES, ORG_UNIT_KINDS, ROLES, WRITERS } from './roles.js';
import { ACCOUNT_IDENTITY_READERS } from './visibility.js';
import { MAIL_CATEGORIES } from './templates.js';
import type { TenantDefinition } from './tenant-definition.js';
import { portalProblems } from './validate-portal.js';
import { labelProblems } from './labels.js';
import { processingProblems } from './processing-activities.js';
import { activityProblems } from './activity.js';
import { CORE_AUDIT_ACTIONS } from './core-audit-actions.js';

/**
 * A capability's own check of the part of a definition it runs (connections its mails, retention
 * the variables its reminders fill): the problems, in the same words as the generic ones. The
 * platform passes every capability's check; this file knows none of them.
 */
export type DefinitionCheck = (def: TenantDefinition) => readonly string[];

export class TenantDefinitionError extends Error {
  constructor(
    readonly tenant: string,
    readonly problems: string[],
  ) {
    super(`Tenant "${tenant}" is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TenantDefinitionError';
  }
}

const SLUG = /^[a-z][a-z0-9-]{1,40}$/;
const KEY = /^[a-z][a-zA-Z0-9]{0,63}$/;
const OUTSIDE_AUDIENCES = new Set(['employer', 'employer-connected', 'partner', 'public']);

function periodDays(p: Period): number {
  return (p.days ?? 0) + (p.months ?? 0) * 30.44 + (p.years ?? 0) * 365.25;
}

function duplicates(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
}

function checkField(f: FieldDefinition, consents: Set<string>, out: string[]): void {
  const at = `field "${f.key}"`;
  if (!KEY.test(f.key)) out.push(`${at}: key must be camelCase letters and digits`);
  if (!FIELD_TYPES.includes(f.type)) out.push(`${at}: unknown type "${f.type}"`);
  if ((f.type === 'enum' || f.type === 'multi-enum') && !f.options?.length)
    out.push(`${at}: type ${f.type} needs options`);
  if (f.type === 'object-list' && !f.itemFields?.length) out.push(`${at}: type object-list needs itemFields`);
  if (f.type === 'document' && !f.accept?.length) out.push(`${at}: type document needs accept (content types)`);
  if (!f.read.length) out.push(`${at}: nobody may read it`);
  for (const a of f.read) if (!AUDIENCES.includes(a)) out.push(`${at}: unknown audience "${a}"`);
  for (const w of f.write) if (!WRITERS.includes(w)) out.push(`${at}: unknown writer "${w}"`);
  // The right of access (GDPR art. 15): a person can always read what is kept about them.
  if (!f.read.includes('self')) out.push(`${at}: the person must be able to read their own data ('self' in read)`);
  if (!f.write.length) out.push(`${at}: nobody may write it`);
  const outside = f.read.filter((a) => OUTSIDE_AUDIENCES.has(a));
  if (f.internalOnly && outside.length)
    out.push(`${at}: internal-only but readable by ${outside.join(', ')}`);
  if (f.specialCategory && f.read.includes('public')) out.push(`${at}: special-category data cannot be public`);
  if (f.specialCategory && f.searchable === 'text')
    out.push(`${at}: special-category data cannot feed full-text search`);
  if (f.identifying && f.read.includes('public')) out.push(`${at}: identifying data cannot be public`);
  if (f.whileAnonymous !== undefined && f.whileAnonymous !== 'shown') out.push(`${at}: whileAnonymous can only be 'shown'`);
  if (f.whileAnonymous && (f.identifying || f.specialCategory))
    out.push(`${at}: identifying or special-category data cannot be shown on an anonymous profile`);
  if (f.whileAnonymous && f.type === 'document') out.push(`${at}: a document can hold anything and is never shown on an anonymous profile`);
  if (f.consent && !consents.has(f.consent)) out.push(`${at}: consent purpose "${f.consent}" is not declared`);
  if (f.searchable === 'filter' && !['enum', 'multi-enum', 'boolean', 'string', 'postcode', 'integer'].includes(f.type))
    out.push(`${at}: type ${f.type} cannot be a search filter`);
  for (const r of f.refuses ?? [])
    if (!(REFUSED_VALUES as readonly string[]).includes(r)) out.push(`${at}: refuses unknown value kind "${r}"`);
  if (f.refusesNote !== undefined && (!f.refuses?.length || !f.refusesNote.trim()))
    out.push(`${at}: refusesNote needs a non-empty text and a refuses list`);
  if (f.refuses?.length && !FREE_TEXT_TYPES.includes(f.type) && f.type !== 'document')
    out.push(`${at}: only free-text and document fields (${FREE_TEXT_TYPES.join(', ')}, document) can refuse values, not type ${f.type}`);
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) out.push(`${at}: min is above max`);
  if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength)
    out.push(`${at}: minLength is above maxLength`);
  if (f.pattern) {
    try {
      new RegExp(f.pattern, 'u');
    } catch {
      out.push(`${at}: pattern is not a valid regular expression`);
    }
  }
}

function checkSchedule(
  s: RetentionSchedule,
  templates: Map<string, string>,
  settings: Set<string>,
  out: string[],
): void {
  const at = `retention schedule "${s.key}"`;
  if (!PERSON_KINDS.includes(s.personKind)) out.push(`${at}: unknown person kind "${s.personKind}"`);
  if (!RETENTION_ANCHORS.includes(s.anchor)) out.push(`${at}: unknown anchor "${s.anchor}"`);
  if (!(periodDays(s.finalAt) > 0)) out.push(`${at}: finalAt must be a positive period`);
  if (!s.promise?.trim()) out.push(`${at}: promise (the statement's words) is required`);
  for (const step of s.reminders) {
    const category = templates.get(step.template);
    if (!category) out.push(`${at}: reminder template "${step.template}" is not declared`);
    else if (category !== 'reminder') out.push(`${at}: template "${step.template}" must be in category reminder`);
    const first = step.kind === 'once' ? step.at : step.from;
    if (periodDays(first) >= periodDays(s.finalAt))
      out.push(`${at}: a reminder falls on or after the final action`);
    if (step.kind === 'repeat' && !(periodDays(step.every) > 0)) out.push(`${at}: repeat needs a positive period`);
  }
  if (s.reminders.length && !s.respondedBy.length)
    out.push(`${at}: reminders need something that answers them (respondedBy)`);
  for (const k of s.adjustableBy ?? []) if (!settings.has(k)) out.push(`${at}: setting "${k}" is not declared`);
}

/** The settings a schedule adjusts must exist and be periods (the variables it fills are retention's check). */
function checkScheduleInputs(s: RetentionSchedule, def: TenantDefinition, out: string[]): void {
  const at = `retention schedule "${s.key}"`;
  for (const [key, adjusts] of Object.entries(s.adjusts ?? {})) {
    if (!(s.adjustableBy ?? []).includes(key)) out.push(`${at}: adjusts "${key}" but it is not in adjustableBy`);
    if (!['response-window', 'final-at', 'reminder-interval'].includes(adjusts))
      out.push(`${at}: setting "${key}" adjusts unknown "${adjusts}"`);
    if (adjusts === 'reminder-interval' && !s.reminders.some((r) => r.kind === 'repeat'))
      out.push(`${at}: setting "${key}" adjusts the reminder interval but no reminder repeats`);
  }
  for (const key of s.adjustableBy ?? []) {
    const setting = (def.settings ?? []).find((x) => x.key === key);
    if (setting && (setting.type !== 'integer' || setting.unit === 'count'))
      out.push(`${at}: setting "${key}" must be an integer in days, months or years to adjust a schedule`);
  }
}

/**
 * Every problem with a definition, so one boot tells the tenant author everything at once: the
 * contract's own rules, then each capability's `checks`.
 */
export function tenantDefinitionProblems(def: TenantDefinition, checks: readonly DefinitionCheck[] = []): string[] {
  const out: string[] = [];
  if (!SLUG.test(def.key ?? '')) out.push('key must be a lower-case slug (a-z, 0-9, -)');
  if (!def.name?.trim()) out.push('name is required');
  if (!def.statement?.trim()) out.push('statement (the privacy statement it implements) is required');
  if (!def.locales?.length) out.push('locales must not be empty');
  else if (!def.locales.includes(def.defaultLocale)) out.push(`defaultLocale "${def.defaultLocale}" is not in locales`);
  if (!def.profile?.fields?.length) out.push('profile.fields must declare at least one field');
  if (!(def.profile?.maxDocumentBytes > 0)) out.push('profile.maxDocumentBytes must be positive');

  const consents = new Set((def.consents ?? []).map((c) => c.key));
  for (const d of duplicates((def.consents ?? []).map((c) => c.key))) out.push(`consent purpose "${d}" declared twice`);
  for (const c of def.consents ?? []) {
    if (!KEY.test(c.key)) out.push(`consent purpose "${c.key}": key must be camelCase`);
    if (!c.version) out.push(`consent purpose "${c.key}": version is required`);
  }

  const fields = def.profile?.fields ?? [];
  for (const d of duplicates(fields.map((f) => f.key))) out.push(`field "${d}" declared twice`);
  for (const f of fields) checkField(f, consents, out);

  const v = def.visibility;
  if (!v?.candidateBank) out.push('visibility.candidateBank is required');
  else {
    if (v.candidateBank.requiresConsent && !consents.has(v.candidateBank.requiresConsent))
      out.push(`visibility: consent purpose "${v.candidateBank.requiresConsent}" is not declared`);
    if (v.candidateBank.employerIdentity === 'after-connection' && !v.connections?.enabled)
      out.push('visibility: identity after connection needs connections enabled');
    checkDelegatedAccess(v.candidateBank, out);
  }
  if (!v?.applications?.visibleTo?.length) out.push('visibility.applications.visibleTo is required');
  for (const role of v?.accountIdentity?.jobseekers ?? []) {
    if (!(ACCOUNT_IDENTITY_READERS as readonly string[]).includes(role))
      out.push(`visibility.accountIdentity: "${role}" is not a role that administers accounts (${ACCOUNT_IDENTITY_READERS.join(', ')})`);
    else if (fields.some((f) => f.identifying) && !fields.some((f) => f.identifying && f.read.includes(role)))
      out.push(
        `visibility.accountIdentity: ${role} would see jobseekers' names and sign-in addresses, but reads none of their identifying profile fields`,
      );
  }

  const templates = new Map((def.mail?.templates ?? []).map((t) => [t.key, t.category] as const));
  for (const d of duplicates((def.mail?.templates ?? []).map((t) => t.key))) out.push(`template "${d}" declared twice`);
  if (!def.mail?.templatesDir || !isAbsolute(def.mail.templatesDir)) out.push('mail.templatesDir must be an absolute path');
  else
    for (const t of def.mail.templates) {
      if (!MAIL_CATEGORIES.includes(t.category)) out.push(`template "${t.key}": unknown category "${t.category}"`);
      for (const locale of def.locales ?? []) {
        for (const file of [`${t.key}.${locale}.mjml`, `${t.key}.${locale}.subject.hbs`])
          if (!existsSync(join(def.mail.templatesDir, file))) out.push(`template "${t.key}": missing file ${file}`);
      }
      for (const name of t.variables)
        if (!(name in t.sample)) out.push(`template "${t.key}": sample has no value for "${name}"`);
    }
  if (!def.mail?.branding?.senderAddress) out.push('mail.branding.senderAddress is required');

  const settings = new Set((def.settings ?? []).map((s) => s.key));
  for (const d of duplicates((def.settings ?? []).map((s) => s.key))) out.push(`setting "${d}" declared twice`);
  for (const s of def.settings ?? []) {
    if (s.type === 'integer' && (s.default < s.min || s.default > s.max || s.min > s.max))
      out.push(`setting "${s.key}": default ${s.default} is outside [${s.min}, ${s.max}]`);
    if (s.type === 'enum' && !s.options.includes(s.default))
      out.push(`setting "${s.key}": default "${s.default}" is not one of its options`);
  }

  for (const d of duplicates((def.retention ?? []).map((s) => s.key))) out.push(`retention schedule "${d}" declared twice`);
  for (const d of duplicates((def.retention ?? []).map((s) => s.personKind)))
    out.push(`two retention schedules for person kind "${d}"`);
  for (const s of def.retention ?? []) {
    checkSchedule(s, templates, settings, out);
    checkScheduleInputs(s, def, out);
  }
  if (!(def.retention ?? []).some((s) => s.personKind === 'jobseeker'))
    out.push('a retention schedule for jobseekers is required: every statement promises one');

  const units = new Set((def.demo?.orgUnits ?? []).map((u) => u.key));
  for (const u of def.demo?.orgUnits ?? []) {
    if (!ORG_UNIT_KINDS.includes(u.kind)) out.push(`demo org unit "${u.key}": unknown kind "${u.kind}"`);
    if (u.parent && !units.has(u.parent)) out.push(`demo org unit "${u.key}": unknown parent "${u.parent}"`);
  }
  for (const a of def.demo?.accounts ?? []) {
    for (const r of a.roles)
      if (!ROLES.includes(r) || r === 'platform-operator') out.push(`demo account "${a.email}": role "${r}" not allowed`);
    if (a.orgUnit && !units.has(a.orgUnit)) out.push(`demo account "${a.email}": unknown org unit "${a.orgUnit}"`);
    if (a.profile && !a.roles.includes('jobseeker')) out.push(`demo account "${a.email}": only a jobseeker has a profile`);
    for (const key of Object.keys(a.profile?.fields ?? {}))
      if (!fields.some((f) => f.key === key)) out.push(`demo account "${a.email}": profile field "${key}" is not declared`);
  }
  for (const v of def.demo?.vacancies ?? []) {
    if (!units.has(v.orgUnit)) out.push(`demo vacancy "${v.title}": unknown org unit "${v.orgUnit}"`);
    if (v.label !== undefined && !(def.labels ?? []).some((l) => l.key === v.label))
      out.push(`demo vacancy "${v.title}": unknown label "${v.label}"`);
  }
  if (def.demo?.seeder !== undefined) {
    if (typeof def.demo.seeder !== 'function') out.push('demo.seeder must be a provider class of the tenant module');
    else if (!def.module) out.push('demo.seeder needs the tenant module that provides it');
  }
  out.push(...portalProblems(def));
  out.push(...labelProblems(def));
  out.push(...rightsProblems(def.rights));
  out.push(...processingProblems(def.processing, CORE_AUDIT_ACTIONS));
  out.push(...resumeProblems(def.rights?.resume, def.profile?.fields ?? []));
  out.push(...activityProblems(def));
  for (const check of checks) out.push(...check(def));
  return out;
}

/** Throws a TenantDefinitionError naming the tenant and each problem. */
export function assertValidTenantDefinition(def: TenantDefinition, checks: readonly DefinitionCheck[] = []): void {
  const problems = tenantDefinitionProblems(def, checks);
  if (problems.length) throw new TenantDefinitionError(def?.key || '(no key)', problems);
}

/** Validates a whole registry: every definition, and no two with the same key or domain. */
export function assertValidRegistry(defs: readonly TenantDefinition[], checks: readonly DefinitionCheck[] = []): void {
  for (const d of defs) assertValidTenantDefinition(d, checks);
  for (const k of duplicates(defs.map((d) => d.key)))
    throw new TenantDefinitionError(k, ['two tenant definitions use this key']);
  for (const host of duplicates(defs.flatMap((d) => [...(d.domains ?? []), ...(d.labels ?? []).flatMap((l) => l.domains)])))
    throw new TenantDefinitionError(
      defs.find((d) => d.domains?.includes(host) || d.labels?.some((l) => l.domains.includes(host)))!.key,
      [`domain ${host} is claimed twice`],
    );
}

function checkDelegatedAccess(bank: TenantDefinition['visibility']['candidateBank'], out: string[]): void {
  const purposes = bank.delegatedAccess ?? [];
  if (purposes.length && bank.staffScope !== 'own-org-units')
    out.push('visibility.candidateBank.delegatedAccess: only with staffScope own-org-units (staff already reach everyone)');
  for (const d of duplicates(purposes.map((p) => p.key))) out.push(`visibility.candidateBank.delegatedAccess: purpose "${d}" declared twice`);
  for (const p of purposes) {
    const at = `visibility.candidateBank.delegatedAccess "${p.key}"`;
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(p.key)) out.push(`${at}: key must be lower-case letters, digits and dashes`);
    if (!p.grantorKinds?.length || p.grantorKinds.some((k) => !ORG_UNIT_KINDS.includes(k))) out.push(`${at}: grantorKinds must name org unit kinds`);
    if (!p.delegateKinds?.length || p.delegateKinds.some((k) => !ORG_UNIT_KINDS.includes(k))) out.push(`${at}: delegateKinds must name org unit kinds`);
    if (p.grantorKinds?.some((k) => p.delegateKinds?.includes(k))) out.push(`${at}: a kind cannot both grant and receive`);
    if (!Number.isInteger(p.maxDays) || p.maxDays < 1 || p.maxDays > 3660) out.push(`${at}: maxDays must be a whole number of days, 1 to 3660`);
    if (p.actsForPerson !== undefined && typeof p.actsForPerson !== 'boolean') out.push(`${at}: actsForPerson must be true or false`);
  }
}
