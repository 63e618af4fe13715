import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationProblem } from '../../../http/src/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new ValidationProblem([{ field: this.name, reason: 'must be a UUID' }], HttpStatus.BAD_REQUEST);
    return value.toLowerCase();
  }
}

const PUBLIC_HANDLE = /^[A-Za-z0-9_-]{22}$/;

/**
 * A path segment that names a profile: its public handle (case kept: base64url) or, for the person
 * and the tenant's staff, its internal id. Which of the two a reader may use is the reader's
 * business (ProfileReaderService.view); anything of neither form is a 400 naming the parameter.
 */
@Injectable()
export class ProfileRefParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (UUID.test(value)) return value.toLowerCase();
    if (PUBLIC_HANDLE.test(value)) return value;
    throw new ValidationProblem(
      [{ field: this.name, reason: "must be a profile's public handle (or, for its staff, its id)" }],
      HttpStatus.BAD_REQUEST,
    );
  }
}
