import { IsUUID } from 'class-validator';
import { DatedPeriodDto } from './hallowerk.delegated-access.dto.js';

export class GrantSupportAccessDto extends DatedPeriodDto {
  /** The ICT supplier's support team: an org unit of kind team. */
  @IsUUID('all', { message: 'must be a support team id (uuid)' })
  supportTeamId!: string;
}
