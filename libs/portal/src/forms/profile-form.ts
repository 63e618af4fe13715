import type { Audience, FieldDefinition, ObjectItemField, TenantDefinition } from '../../../plugin-api/src/index.js';
import { localised } from '../i18n/locales.js';
import { en } from '../i18n/messages/en.js';
import type { Translate } from '../i18n/translator.js';
import { fieldId, type Control, type FieldView } from './form-model.js';

/** Autocomplete tokens (WCAG 1.3.5) for the keys tenants commonly give their identity fields. */
const AUTOCOMPLETE: Readonly<Record<string, string>> = {
  name: 'name',
  firstName: 'given-name',
  lastName: 'family-name',
  email: 'email',
  phone: 'tel',
  street: 'street-address',
  postcode: 'postal-code',
  city: 'address-level2',
  birthDate: 'bday',
};

const CONTROL: Partial<Record<FieldDefinition['type'], Control>> = {
  string: 'text',
  text: 'textarea',
  email: 'email',
  phone: 'tel',
  postcode: 'text',
  date: 'date',
  integer: 'number',
  number: 'number',
  boolean: 'checkbox',
  enum: 'select',
  'multi-enum': 'checkboxes',
  'string-list': 'textarea',
  'object-list': 'items',
};

const NUMERIC = /^-?\d+(\.\d+)?$/;

export interface ProfileFormInput {
  readonly def: TenantDefinition;
  readonly locale: string;
  readonly t: Translate;
  /** Stored values, or the values just posted when the form comes back with problems. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly granted: ReadonlySet<string>;
  /** Extra empty rows per object-list field ("add another entry"). */
  readonly extraRows?: Readonly<Record<string, number>>;
}

export const selfWritable = (f: FieldDefinition) => f.type !== 'document' && f.write.includes('self');

/** The fields a jobseeker fills in at registration: the required ones they may write. */
export const registrationFields = (def: TenantDefinition) => def.profile.fields.filter((f) => selfWritable(f) && f.required);

/** An option's words: the tenant's or the portal's text `option.<field>.<value>`, else the value itself. */
export function optionLabel(t: Translate, field: string, value: string): string {
  const key = `option.${field}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}

function itemLabel(it: ObjectItemField, locale: string, t: Translate, def: TenantDefinition): string {
  if (it.label) return localised(it.label, locale, def);
  const key = `field.item.${it.key}`;
  if (key in en) return t(key);
  return it.key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

function audiences(f: FieldDefinition, t: Translate): string {
  return f.read
    .filter((a: Audience) => a !== 'self')
    .map((a) => t(`audience.${a}`))
    .join(', ');
}

function scalarView(name: string, label: string, type: FieldDefinition['type'] | ObjectItemField['type'], raw: unknown, opts: Partial<FieldView>): FieldView {
  const control = CONTROL[type] ?? 'text';
  const v: FieldView = { id: fieldId(name), name, label, control, ...opts };
  if (control === 'checkbox') v.checked = raw === true || raw === 'on';
  else v.value = raw === undefined || raw === null ? '' : String(raw);
  if (type === 'integer' || type === 'number') v.inputmode = type === 'integer' ? 'numeric' : 'decimal';
  if (type === 'email' || type === 'phone' || type === 'postcode' || type === 'date') v.dirLtr = true;
  return v;
}

/** One declared field as a form field: label, help, who sees it, the special-category warning. */
export function fieldView(f: FieldDefinition, input: ProfileFormInput): FieldView {
  const { def, locale, t, values } = input;
  const name = `fields.${f.key}`;
  const label = localised(f.label, locale, def);
  const consentLabel = f.consent ? localised(def.consents.find((c) => c.key === f.consent)?.label ?? f.consent, locale, def) : '';
  const base: Partial<FieldView> = {
    required: !!f.required,
    help: f.help ? localised(f.help, locale, def) : f.type === 'string-list' ? t('profile.list-help') : undefined,
    hint: audiences(f, t) ? t('profile.who-sees', { audiences: audiences(f, t) }) : undefined,
    warning: f.specialCategory
      ? t('profile.special-category', { consent: consentLabel })
      : f.consent && !input.granted.has(f.consent)
        ? t('profile.needs-consent', { consent: consentLabel })
        : undefined,
    autocomplete: AUTOCOMPLETE[f.key],
    maxlength: f.maxLength,
    min: f.min === undefined ? undefined : String(f.min),
    max: f.max === undefined ? undefined : String(f.max),
  };
  const raw = values[f.key];
  switch (f.type) {
    case 'enum': {
      const chosen = raw === undefined || raw === null ? '' : String(raw);
      return {
        ...scalarView(name, label, f.type, raw, base),
        options: [{ value: '', label: '—', selected: chosen === '' }, ...(f.options ?? []).map((o) => ({ value: o, label: optionLabel(t, f.key, o), selected: o === chosen }))],
      };
    }
    case 'multi-enum': {
      const chosen = new Set(Array.isArray(raw) ? raw.map(String) : []);
      return {
        ...scalarView(name, label, f.type, undefined, base),
        options: (f.options ?? []).map((o, i) => ({ value: o, label: optionLabel(t, f.key, o), selected: chosen.has(o), name: `${name}#${i}` })),
      };
    }
    case 'string-list':
      return { ...scalarView(name, label, f.type, Array.isArray(raw) ? raw.join('\n') : (raw ?? ''), base), maxlength: undefined };
    case 'object-list': {
      const rows = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
      const count = rows.length + (input.extraRows?.[f.key] ?? (rows.length ? 0 : 1));
      const items = Array.from({ length: count }, (_, i) => ({
        legend: `${label}: ${t('profile.item', { n: i + 1 })}`,
        fields: (f.itemFields ?? []).map((it) => {
          const itemName = `${name}[${i}].${it.key}`;
          const v = scalarView(itemName, itemLabel(it, locale, t, def), it.type, rows[i]?.[it.key], {
            required: !!it.required,
            maxlength: it.maxLength,
            min: it.min === undefined ? undefined : String(it.min),
            max: it.max === undefined ? undefined : String(it.max),
          });
          if (it.type === 'enum')
            v.options = [
              { value: '', label: '—', selected: !rows[i]?.[it.key] },
              ...(it.options ?? []).map((o) => ({ value: o, label: o, selected: rows[i]?.[it.key] === o })),
            ];
          return v;
        }),
      }));
      return {
        ...scalarView(name, label, f.type, undefined, base),
        items,
        addName: f.key,
        addLabel: t('profile.add-item', { label }),
      };
    }
    default:
      return scalarView(name, label, f.type, raw, base);
  }
}

/** The profile form: every field the person may write themselves, in declaration order. */
export function profileFormFields(input: ProfileFormInput, only?: (f: FieldDefinition) => boolean): FieldView[] {
  return input.def.profile.fields.filter((f) => selfWritable(f) && (!only || only(f))).map((f) => fieldView(f, input));
}

function scalarFrom(type: FieldDefinition['type'] | ObjectItemField['type'], raw: string | undefined): unknown {
  const text = raw ?? '';
  if (type === 'boolean') return text === 'on';
  if (type === 'integer' || type === 'number') {
    const s = text.trim();
    return s === '' ? '' : NUMERIC.test(s) ? Number(s) : s;
  }
  return text;
}

/** How many rows of an object-list field the posted form holds. */
export function postedRows(form: Readonly<Record<string, string>>, name: string): number {
  const prefix = `${name}[`;
  let max = -1;
  for (const key of Object.keys(form)) {
    if (!key.startsWith(prefix)) continue;
    const i = Number(key.slice(prefix.length, key.indexOf(']', prefix.length)));
    if (Number.isInteger(i) && i >= 0 && i < 1000) max = Math.max(max, i);
  }
  return max + 1;
}

/**
 * The posted form as the API's `fields` object: the same shape `PATCH /profiles/me` takes, so
 * the same validator judges it. Empty inputs mean "no value" (null for an optional field, "is
 * required" for a required one); an object-list row left empty is dropped.
 */
export function fieldsFromForm(fields: readonly FieldDefinition[], form: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const name = `fields.${f.key}`;
    switch (f.type) {
      case 'multi-enum':
        out[f.key] = (f.options ?? []).filter((_o, i) => form[`${name}#${i}`] === 'on');
        break;
      case 'string-list':
        out[f.key] = (form[name] ?? '')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
        break;
      case 'object-list': {
        const rows: Record<string, unknown>[] = [];
        for (let i = 0; i < postedRows(form, name); i++) {
          const row: Record<string, unknown> = {};
          for (const it of f.itemFields ?? []) {
            const v = scalarFrom(it.type, form[`${name}[${i}].${it.key}`]);
            if (v !== '' && v !== undefined && v !== false) row[it.key] = typeof v === 'string' ? v.trim() : v;
          }
          if (Object.keys(row).length) rows.push(row);
        }
        out[f.key] = rows;
        break;
      }
      default:
        out[f.key] = scalarFrom(f.type, form[name]);
    }
  }
  return out;
}

/** The label of a problem's path, for the error summary: `fields.languages[1].level` → "Languages". */
export function labelOfPath(def: TenantDefinition, locale: string, t: Translate, extra: Readonly<Record<string, string>> = {}) {
  return (path: string): string => {
    if (extra[path]) return extra[path];
    const m = /^fields\.([A-Za-z0-9]+)(?:\[(\d+)\](?:\.(\w+))?)?/.exec(path);
    const f = m && def.profile.fields.find((x) => x.key === m[1]);
    if (!f) return extra[path.split(/[.[]/)[0]] ?? path;
    const label = localised(f.label, locale, def);
    if (m[2] === undefined) return label;
    const it = f.itemFields?.find((x) => x.key === m[3]);
    const row = t('profile.item', { n: Number(m[2]) + 1 });
    return it ? `${label}, ${row}, ${itemLabel(it, locale, t, def)}` : `${label}, ${row}`;
  };
}
