import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * The rules every request DTO builds on, so that a body the DTO accepts can reach the database:
 * class-validator's `@IsOptional()` lets `null` through every other check, `@ValidateNested()`
 * lets a missing or array-shaped object through, and a string of spaces satisfies `@Length(1)`
 * until the service trims it and a database check refuses it. Each helper closes one of those.
 */

/** Constraint names whose failure says everything about a field; the pipe reports them alone. */
export const DECISIVE_CONSTRAINTS = ['isDefined', 'isNotNull', 'isNotBlank'] as const;

const IsNotNull = () =>
  ValidateBy({
    name: 'isNotNull',
    validator: {
      validate: (value) => value !== null,
      defaultMessage: () => 'must not be null: leave the field out instead',
    },
  });

const IsNotBlank = () =>
  ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value) => typeof value !== 'string' || value.trim().length > 0,
      defaultMessage: () => 'must not be empty',
    },
  });

/** Leaving the field out leaves it unset (or, in a change, unchanged); `null` is refused. */
export function Optional(): PropertyDecorator {
  return applyDecorators(ValidateIf((_object, value) => value !== undefined), IsNotNull());
}

/** `null` clears the value (its column allows that); leaving the field out leaves it unchanged. */
export function Nullable(): PropertyDecorator {
  return applyDecorators(IsOptional(), JSONSchema({ nullable: true }) as PropertyDecorator);
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * Length as PostgreSQL's `length()` counts it: code points. class-validator's `@Length` does not
 * count a variation selector (U+FE0F) after a character, so 200 of them passed a check of 200
 * characters and broke the column's check as 400.
 */
const IsTextLength = (min: number, max: number) =>
  ValidateBy({
    name: 'textLength',
    constraints: [min, max],
    validator: {
      validate: (value) => {
        if (typeof value !== 'string') return false;
        let length = 0;
        for (const _ of value) if (++length > max) return false;
        return length >= min;
      },
      defaultMessage: () => `must be ${min} to ${max} characters long`,
    },
  });

/**
 * Free text stored as given, trimmed: spaces alone are "must not be empty", and the length bounds
 * are those of the column's check, counted after trimming, as the database counts them.
 */
export function Text(min: number, max: number): PropertyDecorator {
  return applyDecorators(Transform(trim), IsString(), IsNotBlank(), IsTextLength(Math.max(1, min), max));
}

/** A required nested object: present, an object (not an array or a scalar), and valid itself. */
export function NestedObject(type: () => Function): PropertyDecorator {
  return applyDecorators(
    IsDefined({ message: '$property is required' }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** A list of nested objects with bounds on its length; every item an object, and valid. */
export function NestedObjects(type: () => Function, bounds: { min?: number; max: number }): PropertyDecorator {
  return applyDecorators(
    IsDefined({ message: '$property is required' }),
    IsArray(),
    ArrayMinSize(bounds.min ?? 0),
    ArrayMaxSize(bounds.max),
    IsObject({ each: true, message: 'each item of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** Years a date may name: PostgreSQL has no year 0, and nothing here is older than 1900. */
export const DATE_YEARS = { min: 1900, max: 9999 } as const;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` (a `date` column), from 1900 to 9999. */
export function IsoDate(): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isoDate',
      validator: {
        validate: (value) => {
          const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
          return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
        },
        defaultMessage: () => `must be a date (YYYY-MM-DD) from ${DATE_YEARS.min} to ${DATE_YEARS.max}`,
      },
    }),
    JSONSchema({ type: 'string', format: 'date' }) as PropertyDecorator,
  );
}

/** An ISO 8601 moment (a `timestamptz` column): a date, optionally with time and offset. */
export function IsoDateTime(): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isoDateTime',
      validator: {
        validate: (value) => {
          const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
          if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
          const [hour, minute, second] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[8] ?? 0)];
          return hour < 24 && minute < 60 && second < 60 && Number.isFinite(Date.parse(value as string));
        },
        defaultMessage: () => `must be an ISO 8601 date and time, e.g. 2026-05-01T12:00:00Z, from ${DATE_YEARS.min} to ${DATE_YEARS.max}`,
      },
    }),
    JSONSchema({ type: 'string', format: 'date-time' }) as PropertyDecorator,
  );
}

/**
 * An amount for a `numeric(precision, scale)` column: a finite number with at most `scale`
 * decimals, above zero, and below the column's largest value (beyond it PostgreSQL refuses).
 */
export function Amount(precision: number, scale: number): PropertyDecorator {
  const largest = Number((10 ** (precision - scale) - 10 ** -scale).toFixed(scale));
  return applyDecorators(
    IsNumber({ maxDecimalPlaces: scale, allowNaN: false, allowInfinity: false }),
    Min(10 ** -scale),
    Max(largest),
  );
}
