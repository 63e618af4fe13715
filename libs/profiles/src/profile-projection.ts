import type { Audience, FieldDefinition, TenantDefinition } from '../../plugin-api/src/index.js';
import type { ProfileState } from './profile-state.js';
import { anonymousValue } from './anonymous-view.js';

export interface ProfileDocumentRef {
  readonly id: string;
  readonly fieldKey: string;
  readonly contentType: string;
  readonly byteSize: number;
  readonly originalName: string;
  readonly createdAt: Date | string;
}

export interface ProjectableProfile {
  readonly id: string;
  /** How outsiders address the profile; redrawn with the alias on every step into or out of anonymity. */
  readonly publicHandle?: string;
  readonly state: ProfileState;
  readonly alias: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly documents: readonly ProfileDocumentRef[];
  readonly visibleToEmployers?: boolean;
  readonly activatedAt?: Date | string | null;
  readonly listedUntil?: Date | string | null;
}

export interface ProjectionInput {
  readonly definition: Pick<TenantDefinition, 'profile' | 'visibility'>;
  readonly audience: Audience;
  readonly profile: ProjectableProfile;
  /** Consent purposes the person has currently granted. */
  readonly grantedPurposes: ReadonlySet<string> | readonly string[];
}

export interface ProjectedDocument {
  readonly id: string;
  readonly field: string;
  readonly contentType: string;
  readonly byteSize: number;
  readonly fileName: string;
  readonly uploadedAt: Date | string;
}

export interface ProfileProjection {
  /**
   * The internal id: only for the person and the tenant's own staff. It never changes, so an
   * outsider who saw it could tie every later listing of the person to the one they saw.
   */
  readonly id?: string;
  /** What every reader may address the profile by (GET /profiles/:handle); outsiders know no other. */
  readonly handle?: string;
  readonly alias: string;
  /** The person's name, or the alias while identity is hidden from this reader. */
  readonly name: string;
  readonly identityHidden: boolean;
  readonly fields: Record<string, unknown>;
  readonly documents: ProjectedDocument[];
  /** Only for the person and the tenant's own staff. */
  readonly state?: ProfileState;
  readonly visibleToEmployers?: boolean;
  readonly activatedAt?: Date | string | null;
  readonly listedUntil?: Date | string | null;
}

/** The person and the tenant's own staff: they see the whole dossier, whatever its state. */
const INSIDE: ReadonlySet<Audience> = new Set(['self', 'staff', 'tenant-admin']);

export const isInsideAudience = (a: Audience) => INSIDE.has(a);

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/**
 * Whether identifying fields are withheld from this audience: always while the person keeps the
 * profile anonymous, and for employers as the tenant's identity rule says. Outside audiences other
 * than employers never get more than a connected employer would.
 */
export function identityHiddenFor(
  definition: Pick<TenantDefinition, 'visibility'>,
  audience: Audience,
  state: ProfileState,
): boolean {
  if (INSIDE.has(audience)) return false;
  if (state === 'anonymous') return true;
  switch (definition.visibility.candidateBank.employerIdentity) {
    case 'never':
      return true;
    case 'after-connection':
      return audience !== 'employer-connected';
    case 'unless-anonymous':
      return false;
  }
}

/** A connected employer is still an employer: what employers may read, it may read too. */
function readableBy(field: FieldDefinition, audience: Audience): boolean {
  return field.read.includes(audience) || (audience === 'employer-connected' && field.read.includes('employer'));
}

/** Whether one field reaches this audience, given the identity rule and the person's consents. */
export function fieldVisibleTo(
  field: FieldDefinition,
  audience: Audience,
  granted: ReadonlySet<string>,
  identityHidden: boolean,
): boolean {
  if (!readableBy(field, audience)) return false;
  if (INSIDE.has(audience)) return true;
  if (field.internalOnly) return false;
  // Defence in depth: the definition validator refuses these too.
  if (audience === 'public' && (field.specialCategory || field.identifying)) return false;
  if (field.identifying && identityHidden) return false;
  if (field.consent && !granted.has(field.consent)) return false;
  return true;
}

/** The fields that make up a name: the required identifying text fields, in declaration order. */
export function nameFieldKeys(definition: Pick<TenantDefinition, 'profile'>): string[] {
  return definition.profile.fields
    .filter((f) => f.identifying && f.required && f.type === 'string')
    .map((f) => f.key);
}

/** The keys of the fields this audience may see of this profile. */
export function visibleFieldKeys(input: ProjectionInput): Set<string> {
  const granted = input.grantedPurposes instanceof Set ? input.grantedPurposes : new Set(input.grantedPurposes);
  const hidden = identityHiddenFor(input.definition, input.audience, input.profile.state);
  // A document can hold anything, a name included: none reaches outsiders of an anonymous profile.
  const noDocuments = !INSIDE.has(input.audience) && input.profile.state === 'anonymous';
  return new Set(
    input.definition.profile.fields
      .filter((f) => fieldVisibleTo(f, input.audience, granted, hidden) && !(noDocuments && f.type === 'document'))
      .map((f) => f.key),
  );
}

/**
 * The field keys one audience may ever receive, whatever the profile: what the declaration lets it
 * read, never internal-only fields, never special-category or identifying fields for the public,
 * identifying fields only where the tenant's identity rule shows them to this audience (an
 * anonymous profile hides them further), documents never (they travel as documents). Consent-bound
 * keys are included; whether the person granted the consent is decided per profile
 * (`consentBoundFields`). The search function receives this list and drops every other key in
 * the database (reach-sql.ts), and `visibleFieldKeys` is this list narrowed to one profile.
 */
export function audienceFieldKeys(definition: Pick<TenantDefinition, 'profile' | 'visibility'>, audience: Audience): string[] {
  const everyConsent = { has: () => true } as unknown as ReadonlySet<string>;
  const hidden = identityHiddenFor(definition, audience, 'active');
  return definition.profile.fields
    .filter((f) => f.type !== 'document' && fieldVisibleTo(f, audience, everyConsent, hidden))
    .map((f) => f.key);
}

/** Keys an outside reader loses while the person keeps the profile anonymous. */
export function identifyingFieldKeys(definition: Pick<TenantDefinition, 'profile'>, audience: Audience): string[] {
  if (INSIDE.has(audience)) return [];
  return definition.profile.fields.filter((f) => f.identifying).map((f) => f.key);
}

/** Consent-bound keys and their purpose: an outside reader receives them only while it is granted. */
export function consentBoundFields(definition: Pick<TenantDefinition, 'profile'>, audience: Audience): Record<string, string> {
  if (INSIDE.has(audience)) return {};
  return Object.fromEntries(definition.profile.fields.filter((f) => f.consent).map((f) => [f.key, f.consent!]));
}

/**
 * The profile as one audience may see it: only the fields it may read, identity replaced by the
 * alias where the rules hide it, consent-bound fields only while the consent stands. Pure, so the
 * same answer comes from a profile page, a download check, a search hit or an export.
 */
export function projectProfile(input: ProjectionInput): ProfileProjection {
  const { profile, audience, definition } = input;
  const inside = INSIDE.has(audience);
  const identityHidden = identityHiddenFor(definition, audience, profile.state);
  const visible = visibleFieldKeys(input);
  // An anonymous profile shows outsiders only what cannot single the person out.
  const anonymous = !inside && profile.state === 'anonymous';
  const fields: Record<string, unknown> = {};
  for (const f of definition.profile.fields) {
    const raw = profile.fields[f.key];
    if (!visible.has(f.key) || f.type === 'document' || raw === undefined || raw === null) continue;
    const value = anonymous ? anonymousValue(f, raw) : raw;
    if (value !== undefined) fields[f.key] = value;
  }
  const nameParts = nameFieldKeys(definition)
    .filter((k) => visible.has(k) && typeof profile.fields[k] === 'string')
    .map((k) => String(profile.fields[k]));
  const documents = profile.documents
    .filter((d) => visible.has(d.fieldKey))
    .map((d) => ({
      id: d.id,
      field: d.fieldKey,
      contentType: d.contentType,
      byteSize: d.byteSize,
      // A file name often carries the person's name, so outsiders get a neutral one.
      fileName: inside ? d.originalName : `${d.fieldKey}.${EXTENSIONS[d.contentType] ?? 'bin'}`,
      uploadedAt: d.createdAt,
    }));
  const base = {
    ...(profile.publicHandle ? { handle: profile.publicHandle } : {}),
    alias: profile.alias,
    name: nameParts.length ? nameParts.join(' ') : profile.alias,
    identityHidden,
    fields,
    documents,
  };
  if (!inside) return base;
  return {
    id: profile.id,
    ...base,
    state: profile.state,
    visibleToEmployers: profile.visibleToEmployers,
    activatedAt: profile.activatedAt ?? null,
    listedUntil: profile.listedUntil ?? null,
  };
}
