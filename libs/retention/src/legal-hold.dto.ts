import { IsDateString, IsString, IsUUID, Length } from 'class-validator';

export class PlaceLegalHoldDto {
  @IsUUID()
  personId: string;

  /** The rule that requires keeping the data, e.g. the subsidy scheme; no personal details. */
  @IsString()
  @Length(3, 500)
  reason: string;

  @IsDateString({ strict: true })
  endsAt: string;
}

export class ExtendLegalHoldDto {
  @IsDateString({ strict: true })
  endsAt: string;
}
