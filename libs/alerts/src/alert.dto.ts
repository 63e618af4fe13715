import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNumber, IsObject, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Nullable, Optional, Text } from '../../http/src/index.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const ALERT_FREQUENCIES = ['immediate', 'daily'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

/** A place and a radius; without coordinates the label is matched as a city name. `null` removes a part. */
export class AlertLocationDto {
  @Nullable()
  @Text(1, 100)
  label?: string | null;

  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Nullable()
  @IsInt()
  @Min(1)
  @Max(300)
  distanceKm?: number | null;
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

/** Every criterion may be left out or `null` (no such criterion); the frequency is required. */
export class AlertCriteriaDto {
  /** Full-text words, Dutch or English; `or` and "phrases" work as in the vacancy search. */
  @Nullable()
  @Text(1, 200)
  keywords?: string | null;

  @Nullable()
  @IsObject({ message: 'location must be an object' })
  @ValidateNested()
  @Type(() => AlertLocationDto)
  location?: AlertLocationDto | null;

  @Nullable()
  @IsObject({ message: 'hours must be an object' })
  @ValidateNested()
  @Type(() => AlertHoursDto)
  hours?: AlertHoursDto | null;

  @IsIn(ALERT_FREQUENCIES)
  frequency: AlertFrequency;
}

export class SubscribeDto extends AlertCriteriaDto {
  @Text(1, 100)
  name: string;

  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Optional()
  @IsString()
  @Length(2, 10)
  locale?: string;
}

/** Criteria given are replaced; `location: null` or `hours: null` removes that criterion. */
export class UpdateAlertDto extends PartialType(AlertCriteriaDto, { skipNullProperties: false }) {}

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
