import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const ALERT_FREQUENCIES = ['immediate', 'daily'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

/** A place and a radius; without coordinates the label is matched as a city name. */
export class AlertLocationDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  label?: string;

  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300)
  distanceKm?: number;
}

export class AlertHoursDto {
  @IsInt()
  @Min(1)
  @Max(60)
  min: number;

  @IsInt()
  @Min(1)
  @Max(60)
  max: number;
}

export class AlertCriteriaDto {
  /** Full-text words, Dutch or English; `or` and "phrases" work as in the vacancy search. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  keywords?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AlertLocationDto)
  location?: AlertLocationDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => AlertHoursDto)
  hours?: AlertHoursDto;

  @IsIn(ALERT_FREQUENCIES)
  frequency: AlertFrequency;
}

export class SubscribeDto extends AlertCriteriaDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name: string;

  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsOptional()
  @IsString()
  @Length(2, 10)
  locale?: string;
}

/** Criteria given are replaced; `location: null` or `hours: null` removes that criterion. */
export class UpdateAlertDto extends PartialType(AlertCriteriaDto) {}

export class AlertTokenQuery {
  @IsString()
  @Length(20, 200)
  token: string;
}

export class ConfirmAlertDto {
  @IsString()
  @Length(20, 200)
  token: string;
}
