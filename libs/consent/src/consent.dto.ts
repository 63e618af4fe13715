import { IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../http/src/index.js';

export class GrantConsentDto {
  /** The policy version of the text the person was shown; must be the current one. */
  @IsString()
  @MaxLength(100)
  version: string;

  /** The locale of the text shown; the tenant's default when omitted. */
  @Optional()
  @IsString()
  @MaxLength(10)
  locale?: string;
}

/** How staff received a consent decision they record on the person's behalf. */
export const STAFF_CHANNELS = ['phone', 'paper', 'in-person', 'e-mail'] as const;

export class RecordConsentDto extends GrantConsentDto {
  @IsIn(STAFF_CHANNELS)
  channel: (typeof STAFF_CHANNELS)[number];
}

export class RecordWithdrawalDto {
  @IsIn(STAFF_CHANNELS)
  channel: (typeof STAFF_CHANNELS)[number];
}
