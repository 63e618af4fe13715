import { ConflictException, HttpException } from '@nestjs/common';
import type { PageContext, PageResult } from '../http/page.js';
import { finishForm, FormProblems, type FieldView } from '../forms/form-model.js';

export interface FormPage {
  readonly title: string;
  readonly intro?: readonly string[];
  readonly action: string;
  readonly fields: FieldView[];
  readonly submit: string;
  readonly problems?: FormProblems | null;
  readonly hidden?: readonly { name: string; value: string }[];
  readonly links?: readonly { href: string; text: string }[];
  /** A label for problems that name no input of this form (`email` of a DTO, say). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly multipart?: boolean;
}

function flatten(fields: readonly FieldView[]): FieldView[] {
  return fields.flatMap((f) => [f, ...flatten((f.items ?? []).flatMap((i) => i.fields))]);
}

/**
 * A form page: the error summary on top, each message next to its field (aria-describedby), the
 * values just posted kept. 422 when it comes back with problems, as the API answers.
 */
export function formPage(ctx: PageContext, page: FormPage, labelOf?: (path: string) => string): PageResult {
  const byName = new Map(flatten(page.fields).map((f) => [f.name, f.label]));
  const label = labelOf ?? ((path: string) => byName.get(path) ?? page.labels?.[path] ?? path);
  const errors = finishForm(page.fields, page.problems ?? null, label, ctx.locale);
  return ctx.render(
    'pages/form',
    page.title,
    {
      intro: page.intro ?? [],
      action: page.action,
      fields: page.fields,
      submit: page.submit,
      errors,
      hidden: page.hidden ?? [],
      links: page.links ?? [],
    },
    errors.length ? 422 : 200,
  );
}

/**
 * The problems a use case raised, as form problems: field problems as they are, a conflict or
 * another refusal as one message for the summary. Anything else is not the form's business.
 */
export function problemsOf(err: unknown, ctx: PageContext): FormProblems {
  const fields = FormProblems.from(err);
  if (fields) return fields;
  if (err instanceof ConflictException || (err instanceof HttpException && err.getStatus() < 500 && err.getStatus() !== 401 && err.getStatus() !== 404)) {
    const p = new FormProblems();
    const body = err.getResponse() as { message?: unknown; detail?: unknown } | string;
    const detail = typeof body === 'string' ? body : String(body?.detail ?? body?.message ?? err.message);
    p.general.push(ctx.t('errors.conflict', { detail }));
    return p;
  }
  throw err;
}
