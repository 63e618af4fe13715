import { randomBytes } from 'node:crypto';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import type { TenantTx } from '../../database/src/index.js';
import type { ProfileStore } from './profile.store.js';

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

/** A public handle's form: 22 characters of base64url, never mistaken for a uuid (which has dashes at fixed places). */
export const PUBLIC_HANDLE = /^[A-Za-z0-9_-]{22}$/;

/**
 * A fresh public handle: 128 random bits, base64url. Employers address a profile only by it, so
 * redrawing it leaves nothing they saw before that leads to the profile.
 */
export function drawPublicHandle(): string {
  return randomBytes(16).toString('base64url');
}

/** A new alias and a new public handle: nothing an outsider saw of the profile leads to it any more. */
export async function redrawPublicIdentity(
  store: ProfileStore,
  tx: TenantTx,
  id: string,
  definition: TenantDefinition,
  now: Date,
): Promise<void> {
  let alias = false;
  for (let i = 0; i < ALIAS_ATTEMPTS && !alias; i++) alias = await store.setAlias(tx, id, drawAlias(definition), now);
  if (!alias) throw new Error('Could not draw a free alias');
  let handle = false;
  for (let i = 0; i < ALIAS_ATTEMPTS && !handle; i++) handle = await store.setPublicHandle(tx, id, drawPublicHandle(), now);
  if (!handle) throw new Error('Could not draw a free public handle');
}
