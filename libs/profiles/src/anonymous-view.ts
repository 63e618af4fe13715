import type { FieldDefinition } from '../../plugin-api/src/index.js';

/** Choices and numbers say what a person can do, not who they are. */
const CHOICE_TYPES: ReadonlySet<string> = new Set(['enum', 'multi-enum', 'integer', 'number', 'boolean']);

/** A date narrows a person down to one career; the year tells an employer as much as it needs. */
const yearOf = (value: unknown) => (typeof value === 'string' && /^\d{4}/.test(value) ? value.slice(0, 4) : undefined);

function partValue(part: { readonly type: string; readonly whileAnonymous?: 'shown' }, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (part.whileAnonymous === 'shown' || CHOICE_TYPES.has(part.type)) return value;
  if (part.type === 'date') return yearOf(value);
  // Free text, names of employers and schools, phone numbers, addresses: withheld.
  return undefined;
}

/**
 * What an outsider may see of one value while the person keeps the profile anonymous (statement
 * 001: "volledig anonimiseren"): only what cannot single them out, unless the tenant declared the
 * field harmless (`whileAnonymous: 'shown'`). Undefined when nothing of it may be shown. The
 * profile page, search hits and the search index all take values through here, so a word that is
 * withheld can neither be read nor searched for.
 */
export function anonymousValue(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined || value === null || field.identifying || field.type === 'document') return undefined;
  if (field.type !== 'object-list') return partValue(field, value);
  if (!Array.isArray(value)) return undefined;
  const items = value
    .map((item) => {
      if (!item || typeof item !== 'object') return null;
      const kept: Record<string, unknown> = {};
      for (const part of field.itemFields ?? []) {
        const v = partValue(part, (item as Record<string, unknown>)[part.key]);
        if (v !== undefined) kept[part.key] = v;
      }
      return Object.keys(kept).length ? kept : null;
    })
    .filter((i): i is Record<string, unknown> => i !== null);
  return items.length ? items : undefined;
}
