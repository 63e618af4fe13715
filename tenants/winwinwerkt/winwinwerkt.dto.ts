import { Equals, IsIn, IsUUID } from 'class-validator';
import { Optional } from '../../libs/plugin-api/src/server.js';
import { CURRENT_STATEMENT_VERSION } from './winwinwerkt.labels.js';

export class AcceptStatementDto {
  /** Only the version shown now can be accepted; older acceptances stay on record as they were. */
  @IsIn([CURRENT_STATEMENT_VERSION], { message: `must be the statement version shown now (${CURRENT_STATEMENT_VERSION})` })
  version!: string;

  @IsIn(['registration', 'application'], { message: 'must be registration or application' })
  occasion!: 'registration' | 'application';

  @Optional()
  @IsUUID('all', { message: 'must be a vacancy id (uuid)' })
  vacancyId?: string;
}

export class LeaveForGoodDto {
  /** Statement 2.1, "niet meer beschikbaar + altijd": deleting everything is asked for explicitly. */
  @Equals(true, { message: 'must be true: this deletes your profile, documents and e-mails for good' })
  confirm!: boolean;
}
