import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../http/src/index.js';

export class ForecastQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  days: number;
}

export class RespondQueryDto {
  @Optional()
  @IsString()
  @MaxLength(1000)
  token?: string;
}

export class HoldsQueryDto {
  @Optional()
  @IsUUID()
  personId?: string;
}
