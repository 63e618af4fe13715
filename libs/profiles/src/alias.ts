import { randomBytes } from 'node:crypto';
import type { TenantDefinition } from '../../plugin-api/src/index.js';

/** Crockford's alphabet: no I, L, O or U, so an alias read aloud or copied is not mistaken. */
const ALIAS_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Draws before giving up: with 32^6 codes per prefix, eight taken in a row means something is wrong. */
export const ALIAS_ATTEMPTS = 8;

export function aliasCode(length = 6): string {
  return [...randomBytes(length)].map((b) => ALIAS_ALPHABET[b % 32]).join('');
}

function aliasPrefix(definition: TenantDefinition): string {
  const p = definition.profile.aliasPrefix;
  return typeof p === 'string' ? p : (p[definition.defaultLocale] ?? Object.values(p)[0] ?? '');
}

/** A fresh alias in the tenant's form ("Kandidaat 7K2M9Q"); the caller retries when it is taken. */
export function drawAlias(definition: TenantDefinition): string {
  return `${aliasPrefix(definition)} ${aliasCode()}`.trim();
}
