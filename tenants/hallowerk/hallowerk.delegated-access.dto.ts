import { IsUUID } from 'class-validator';
import { IsoDateTime } from '../../libs/tenant-host/src/index.js';

export class MunicipalityParams {
  @IsUUID('all', { message: 'must be a municipality id (uuid)' })
  municipalityId!: string;
}

export class GrantParams extends MunicipalityParams {
  @IsUUID('all', { message: 'must be a grant id (uuid)' })
  grantId!: string;
}

/** A dated period: from when to when the grant lets the other unit's staff in. */
export class DatedPeriodDto {
  @IsoDateTime()
  validFrom!: string;

  @IsoDateTime()
  validUntil!: string;
}
