import type { Audience, Writer } from './roles.js';

export const FIELD_TYPES = [
  'string',
  'text',
  'email',
  'phone',
  'postcode',
  'date',
  'integer',
  'number',
  'boolean',
  'enum',
  'multi-enum',
  'string-list',
  'object-list',
  'document',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type Localised = string | Readonly<Record<string, string>>;

/**
 * Values a free-text field refuses because they must never be stored there (statement 004: "Ook je
 * BSN staat niet in HalloWerk"; statement 003: passport, BSN and bank account go to the payroll
 * partner only). `bsn`: nine digits, optionally grouped by spaces, dots or hyphens, that pass the
 * elfproef of the Dutch citizen service number. `iban`: an international bank account number whose
 * mod-97 check holds (spaces allowed). `passport`: a Dutch passport or identity card number (two
 * letters, six letters or digits with at least one digit, one digit; never the letter O).
 */
export const REFUSED_VALUES = ['bsn', 'iban', 'passport'] as const;
export type RefusedValue = (typeof REFUSED_VALUES)[number];
/** Field types that hold free text a person types, where a refused value could hide. */
export const FREE_TEXT_TYPES: readonly FieldType[] = ['string', 'text', 'string-list', 'object-list'];

/** Shape of one entry of an `object-list` field (work history, languages with level, ...). */
export interface ObjectItemField {
  readonly key: string;
  /** Shown in forms; without it the portal's own words for common keys (role, from, to, ...) are used. */
  readonly label?: Localised;
  readonly type: Exclude<FieldType, 'object-list' | 'document' | 'multi-enum' | 'string-list'>;
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** See `FieldDefinition.whileAnonymous`: this part of each entry cannot identify the person. */
  readonly whileAnonymous?: 'shown';
}

/**
 * One profile field, declared by the tenant. The key is a stable identifier: labels may change,
 * the key never does, so stored data and rules stay attached to it.
 */
export interface FieldDefinition {
  readonly key: string;
  readonly label: Localised;
  /** A hint shown with the field in forms. */
  readonly help?: Localised;
  /** Why the tenant processes it; shown in exports and the privacy overview. */
  readonly purpose?: string;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly options?: readonly string[];
  readonly maxItems?: number;
  readonly itemFields?: readonly ObjectItemField[];
  /** For `document` fields: accepted content types (checked on the bytes, not the name). */
  readonly accept?: readonly string[];
  readonly read: readonly Audience[];
  readonly write: readonly Writer[];
  /** GDPR article 9 data (health, criminal records, ...): never searchable, never public. */
  readonly specialCategory?: boolean;
  /** Kept for the tenant's own staff only: never shown to employers, partners or the public. */
  readonly internalOnly?: boolean;
  /** Identifies the person: hidden from everyone but self and staff while the profile is anonymous. */
  readonly identifying?: boolean;
  /** A consent purpose that must be granted before anyone but the person and staff may see it. */
  readonly consent?: string;
  /**
   * Values refused anywhere in the field's text, each with a problem naming the field (free-text
   * types), or in the text the platform can read from an uploaded document (`document` fields: plain
   * text, and the text a PDF shows; the refusal names `file` and nothing is stored).
   */
  readonly refuses?: readonly RefusedValue[];
  /**
   * Where refused data goes instead, added to each refusal (statement 003: "uitsluitend opgeslagen
   * in het CRM-systeem van One Payroll"), so the person learns where to give it. Needs `refuses`.
   */
  readonly refusesNote?: string;
  /**
   * While the person keeps the profile anonymous, outsiders get only what cannot identify them:
   * choices (enum, number, yes/no) and years instead of dates; free text, names of employers and
   * schools, lists of words and documents are withheld. `'shown'` declares a written field that
   * cannot identify (a desired job, a city) and may still be shown. Never on identifying fields.
   */
  readonly whileAnonymous?: 'shown';
  /** `text` feeds full-text search; `filter` becomes a filter with counts. */
  readonly searchable?: false | 'text' | 'filter';
}
