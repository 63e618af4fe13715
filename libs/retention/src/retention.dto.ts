import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class ForecastQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  days: number;
}

export class RespondQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  token?: string;
}

export class HoldsQueryDto {
  @IsOptional()
  @IsUUID()
  personId?: string;
}
