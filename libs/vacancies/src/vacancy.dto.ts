import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
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
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  city: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{3,10}$/, { message: 'postcode must be 3 to 10 letters, digits, spaces or hyphens' })
  postcode?: string;

  /** ISO 3166-1 alpha-2, e.g. NL. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as NL' })
  country?: string;

  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @IsOptional()
  @IsLongitude()
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

export class SalaryDto {
  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  min: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  max?: number;

  /** ISO 4217, e.g. EUR. */
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @IsIn(SALARY_UNITS)
  unit: SalaryUnit;
}

class VacancyFieldsDto {
  /** The employer unit; an employer with one unit may leave it out. */
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @Transform(trim)
  @IsString()
  @Length(3, 200)
  title: string;

  @Transform(trim)
  @IsString()
  @Length(20, 20000)
  description: string;

  @ValidateNested()
  @Type(() => VacancyLocationDto)
  location: VacancyLocationDto;

  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  hours: WeeklyHoursDto;

  @IsIn(CONTRACT_TYPES)
  contractType: ContractType;

  @IsIn(EDUCATION_LEVELS)
  educationLevel: EducationLevel;

  @IsOptional()
  @ValidateNested()
  @Type(() => SalaryDto)
  salary?: SalaryDto;

  /** Employer accounts of the unit named in the vacancy; an employer creating one defaults to self. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  contactRecruiterIds?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  publishFrom?: string;

  @IsISO8601({ strict: true })
  publishUntil: string;
}

export class CreateVacancyDto extends VacancyFieldsDto {
  @IsOptional()
  @IsIn(['draft', 'published'])
  status?: 'draft' | 'published';
}

/**
 * Location, hours and salary are replaced as a whole; `salary: null` removes the salary. The
 * employer unit cannot change: a vacancy never moves to another organisation.
 */
export class UpdateVacancyDto extends PartialType(OmitType(VacancyFieldsDto, ['orgUnitId'] as const)) {
  @IsOptional()
  @IsIn(VACANCY_STATUSES)
  status?: VacancyStatus;
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class VacancySearchQuery {
  /** Full text, Dutch or English: words, "a phrase", -excluded. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  city?: string;

  /** Hours per week the person wants to work; matches vacancies whose range includes it. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_WEEKLY_HOURS)
  hours?: number;

  @IsOptional()
  @IsIn(CONTRACT_TYPES)
  contractType?: ContractType;

  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  educationLevel?: EducationLevel;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
