import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationProblem } from '../../../http/src/validation-problem.js';

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
