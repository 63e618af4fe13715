import type { FieldProblem } from '../../../http/src/index.js';
import { ValidationProblem } from '../../../http/src/index.js';
import { translateReason } from '../i18n/translator.js';

export type Control =
  | 'text'
  | 'email'
  | 'tel'
  | 'date'
  | 'number'
  | 'password'
  | 'textarea'
  | 'select'
  | 'checkbox'
  | 'checkboxes'
  | 'items';

/** One form field as the `field` partial renders it. */
export interface FieldView {
  id: string;
  name: string;
  label: string;
  control: Control;
  value?: string;
  checked?: boolean;
  required?: boolean;
  help?: string;
  hint?: string;
  warning?: string;
  error?: string;
  describedBy?: string;
  autocomplete?: string;
  maxlength?: number;
  min?: string;
  max?: string;
  inputmode?: string;
  rows?: number;
  /** Addresses, phone numbers and codes stay left to right inside a right-to-left page. */
  dirLtr?: boolean;
  options?: { value: string; label: string; selected: boolean; name?: string }[];
  items?: { legend: string; fields: FieldView[] }[];
  addName?: string;
  addLabel?: string;
}

/** The link of the error summary and the message next to the field. */
export interface FormError {
  href: string | null;
  text: string;
}

/**
 * Problems by the field they name. The API names fields by path (`fields.firstName`,
 * `fields.workExperience[0].role`, `password`); a form names its inputs the same way, so each
 * message lands next to its input.
 */
export class FormProblems {
  private readonly byPath = new Map<string, string[]>();
  readonly general: string[] = [];

  constructor(problems: readonly FieldProblem[] = []) {
    for (const p of problems) this.add(p.field, p.reason);
  }

  static from(err: unknown): FormProblems | null {
    return err instanceof ValidationProblem ? new FormProblems(err.errors) : null;
  }

  add(path: string, reason: string): void {
    this.byPath.set(path, [...(this.byPath.get(path) ?? []), reason]);
  }

  get empty(): boolean {
    return this.byPath.size === 0 && this.general.length === 0;
  }

  /** The problems of one path, and of the items under it (`languages[1].level`), in the page language. */
  at(path: string, locale: string): string | undefined {
    const own = this.byPath.get(path) ?? [];
    return own.length ? own.map((r) => translateReason(r, locale)).join('; ') : undefined;
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  /** Fills in each field's error and aria-describedby, and returns the summary's entries. */
  apply(fields: FieldView[], labelOf: (path: string) => string, locale: string): FormError[] {
    const placed = new Set<string>();
    const visit = (f: FieldView) => {
      const error = this.at(f.name, locale);
      if (error) {
        f.error = error;
        placed.add(f.name);
      }
      f.describedBy = describedBy(f);
      for (const item of f.items ?? []) item.fields.forEach(visit);
    };
    fields.forEach(visit);
    const summary: FormError[] = [];
    for (const path of this.paths()) {
      const text = `${labelOf(path)}: ${this.at(path, locale)}`;
      summary.push({ href: placed.has(path) ? `#${fieldId(path)}` : null, text });
      if (!placed.has(path)) {
        // A problem with a path no input has (a whole list, say) goes to the nearest field shown.
        const owner = fields.find((f) => path.startsWith(`${f.name}[`) || path.startsWith(`${f.name}.`));
        if (owner) {
          owner.error = [owner.error, `${labelOf(path)}: ${this.at(path, locale)}`].filter(Boolean).join('; ');
          owner.describedBy = describedBy(owner);
          summary[summary.length - 1].href = `#${owner.id}`;
        }
      }
    }
    for (const g of this.general) summary.push({ href: null, text: g });
    return summary;
  }
}

/**
 * Links every field to its help, hint, warning and error (aria-describedby), and places the
 * problems when there are any: what each form page does before it is rendered. Returns the
 * entries of the error summary.
 */
export function finishForm(fields: FieldView[], problems: FormProblems | null, labelOf: (path: string) => string, locale: string): FormError[] {
  const errors = problems ? problems.apply(fields, labelOf, locale) : [];
  const visit = (f: FieldView) => {
    f.describedBy = describedBy(f);
    for (const item of f.items ?? []) item.fields.forEach(visit);
  };
  fields.forEach(visit);
  return errors;
}

/** An input id from its name: stable, unique in the page, usable in a URL fragment. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

function describedBy(f: FieldView): string | undefined {
  const ids = [f.help && `${f.id}-help`, f.hint && `${f.id}-hint`, f.warning && `${f.id}-warning`, f.error && `${f.id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A plain text input of a fixed form (sign-in, registration, alerts), not a declared profile field. */
export function input(name: string, label: string, control: Control, opts: Partial<FieldView> = {}): FieldView {
  return { id: fieldId(name), name, label, control, ...opts };
}
