import { IsUUID } from 'class-validator';
import { IsoDateTime, Text } from '../../http/src/index.js';

export class PlaceLegalHoldDto {
  @IsUUID()
  personId: string;

  /** The rule that requires keeping the data, e.g. the subsidy scheme; no personal details. */
  @Text(3, 500)
  reason: string;

  @IsoDateTime()
  endsAt: string;
}

export class ExtendLegalHoldDto {
  @IsoDateTime()
  endsAt: string;
}
