import { IsUUID } from 'class-validator';
import { DatedPeriodDto } from './hallowerk.delegated-access.dto.js';

export class AuthoriseExecutionOrganisationDto extends DatedPeriodDto {
  /** The execution organisation: an org unit of kind partner-organisation. */
  @IsUUID('all', { message: 'must be an organisation id (uuid)' })
  organisationId!: string;
}
