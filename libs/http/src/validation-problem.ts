import { HttpException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DECISIVE_CONSTRAINTS } from './input-rules.js';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `fields.languages[1].level`. */
  readonly field: string;
  readonly reason: string;
}

/** A 4xx that names each offending field and why; rendered as RFC 9457 problem details. */
export class ValidationProblem extends HttpException {
  constructor(
    readonly errors: readonly FieldProblem[],
    status: number = HttpStatus.UNPROCESSABLE_ENTITY,
    detail = 'Some fields are not valid',
  ) {
    super({ detail, errors }, status);
  }
}

/** A refused body names at most this many problems: a body of 40,000 unknown keys gets a short answer. */
export const MAX_FIELD_PROBLEMS = 50;

/** A missing, null or blank value says all there is to say: "must be a string" adds nothing. */
function reasons(constraints: Record<string, string>): string[] {
  const decisive = DECISIVE_CONSTRAINTS.find((name) => name in constraints);
  return decisive ? [constraints[decisive]] : Object.values(constraints);
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = reasons(e.constraints ?? {}).map((reason) => ({ field: path, reason }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

function capped(problems: readonly FieldProblem[]): readonly FieldProblem[] {
  if (problems.length <= MAX_FIELD_PROBLEMS) return problems;
  const rest = problems.length - MAX_FIELD_PROBLEMS + 1;
  return [...problems.slice(0, MAX_FIELD_PROBLEMS - 1), { field: 'body', reason: `and ${rest} more problems` }];
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

const invalidRequest = (problems: readonly FieldProblem[]) =>
  new ValidationProblem(capped(problems), HttpStatus.BAD_REQUEST, 'The request is not valid');

/** Global validation: whitelist, unknown properties rejected, every problem named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...OPTIONS,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidRequest(flatten(errors)),
  });
}

/**
 * The global pipe's check for code that runs before pipes do (guards such as passport's): throws
 * the same 400 naming each field.
 */
export function assertValidBody(dto: new () => object, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest([{ field: 'body', reason: 'must be a JSON object' }]);
  const problems = flatten(validateSync(plainToInstance(dto, body), OPTIONS));
  if (problems.length) throw invalidRequest(problems);
}
