import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { localised } from '../i18n/locales.js';
import type { Translate } from '../i18n/translator.js';
import { optionLabel } from '../forms/profile-form.js';

export interface ShownField {
  readonly label: string;
  readonly value: string;
  readonly lines?: readonly string[];
}

function text(value: unknown, t: Translate): string {
  if (value === true) return t('site.yes');
  if (value === false) return t('site.no');
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * A projected profile as label and value per field, in the tenant's declaration order. Only what
 * the projection holds is shown: the reader's projection decided what that is.
 */
export function shownFields(def: TenantDefinition, fields: Readonly<Record<string, unknown>>, locale: string, t: Translate): ShownField[] {
  const out: ShownField[] = [];
  for (const f of def.profile.fields) {
    const v = fields[f.key];
    if (v === undefined || v === null || f.type === 'document') continue;
    const label = localised(f.label, locale, def);
    if (f.type === 'object-list' && Array.isArray(v)) {
      const lines = (v as Record<string, unknown>[]).map((item) =>
        (f.itemFields ?? [])
          .map((it) => text(item[it.key], t))
          .filter(Boolean)
          .join(' · '),
      );
      out.push({ label, value: '', lines });
    } else if (Array.isArray(v)) out.push({ label, value: v.map((x) => (f.type === 'multi-enum' ? optionLabel(t, f.key, String(x)) : text(x, t))).join(', ') });
    else out.push({ label, value: f.type === 'enum' ? optionLabel(t, f.key, String(v)) : text(v, t) });
  }
  return out;
}

/**
 * The status line of a profile for the person and their staff. A listed profile the person has
 * switched off for employers (HalloWerk's "onzichtbaar") must not read as "visible in the candidate
 * bank": only the organisation's own staff find it then.
 */
export function profileStateText(
  profile: { readonly state?: string; readonly visibleToEmployers?: boolean },
  t: Translate,
): string {
  const state = profile.state ?? 'draft';
  const listed = state === 'active' || state === 'anonymous';
  return t(listed && profile.visibleToEmployers === false ? 'profile.state-hidden-from-employers' : `profile.state-${state}`);
}
