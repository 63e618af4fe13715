import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Amount, IsoDateTime, NestedObject, Nullable, Optional, Text } from '../../http/src/index.js';
import {
  CONTRACT_TYPES,
  EDUCATION_LEVELS,
  MAX_WEEKLY_HOURS,
  SALARY_UNITS,
  VACANCY_STATUSES,
  type ContractType,
  type EducationLevel,
  type SalaryUnit,
  type VacancyStatus,
} from './vacancy-options.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class VacancyLocationDto {
  @Text(1, 100)
  city: string;

  @Optional()
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{3,10}$/, { message: 'postcode must be 3 to 10 letters, digits, spaces or hyphens' })
  postcode?: string;

  /** ISO 3166-1 alpha-2, e.g. NL. */
  @Optional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as NL' })
  country?: string;

  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number;
}

export class WeeklyHoursDto {
  @IsInt()
  @Min(1)
  @Max(MAX_WEEKLY_HOURS)
  min: number;

  @IsInt()
  @Min(1)
  @Max(MAX_WEEKLY_HOURS)
  max: number;
}

/** Amounts fit the columns, numeric(12, 2). */
export class SalaryDto {
  @Amount(12, 2)
  min: number;

  @Optional()
  @Amount(12, 2)
  max?: number;

  /** ISO 4217, e.g. EUR. */
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @IsIn(SALARY_UNITS)
  unit: SalaryUnit;
}

class VacancyFieldsDto {
  /** The employer unit; an employer with one unit may leave it out. */
  @Optional()
  @IsUUID()
  orgUnitId?: string;

  @Text(3, 200)
  title: string;

  @Text(20, 20000)
  description: string;

  @NestedObject(() => VacancyLocationDto)
  location: VacancyLocationDto;

  @NestedObject(() => WeeklyHoursDto)
  hours: WeeklyHoursDto;

  @IsIn(CONTRACT_TYPES)
  contractType: ContractType;

  @IsIn(EDUCATION_LEVELS)
  educationLevel: EducationLevel;

  @Optional()
  @IsObject({ message: 'salary must be an object' })
  @ValidateNested()
  @Type(() => SalaryDto)
  salary?: SalaryDto;

  /** Employer accounts of the unit named in the vacancy; an employer creating one defaults to self. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  contactRecruiterIds?: string[];

  @Optional()
  @IsoDateTime()
  publishFrom?: string;

  @IsoDateTime()
  publishUntil: string;

  /**
   * The label (brand site) the vacancy is published on, one of the tenant's declared labels, or
   * null for the tenant's own site. Left out, it is the label of the site it is written on.
   */
  @Optional()
  @Nullable()
  @IsString()
  @MaxLength(40)
  label?: string | null;
}

export class CreateVacancyDto extends VacancyFieldsDto {
  @Optional()
  @IsIn(['draft', 'published'])
  status?: 'draft' | 'published';
}

/**
 * Location, hours and salary are replaced as a whole; `salary: null` removes the salary and
 * `publishFrom: null` publishes from the start. Any other field left out stays as it is, and
 * `null` for it is refused (its column needs a value). The employer unit cannot change: a
 * vacancy never moves to another organisation.
 */
export class UpdateVacancyDto extends PartialType(OmitType(VacancyFieldsDto, ['orgUnitId'] as const), {
  skipNullProperties: false,
}) {
  @Optional()
  @IsIn(VACANCY_STATUSES)
  status?: VacancyStatus;
}
// Null clears these two (their columns allow it); the decorators of the fields above stay.
Nullable()(UpdateVacancyDto.prototype, 'salary');
Nullable()(UpdateVacancyDto.prototype, 'publishFrom');

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class VacancySearchQuery {
  /** Full text, Dutch or English: words, "a phrase", -excluded. */
  @Optional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  city?: string;

  /** Hours per week the person wants to work; matches vacancies whose range includes it. */
  @Optional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_WEEKLY_HOURS)
  hours?: number;

  @Optional()
  @IsIn(CONTRACT_TYPES)
  contractType?: ContractType;

  @Optional()
  @IsIn(EDUCATION_LEVELS)
  educationLevel?: EducationLevel;

  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @Optional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
