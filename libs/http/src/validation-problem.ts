import { HttpException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';

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

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field: path, reason }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Global validation: whitelist, unknown properties rejected, every problem named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors), HttpStatus.BAD_REQUEST, 'The request is not valid'),
  });
}
