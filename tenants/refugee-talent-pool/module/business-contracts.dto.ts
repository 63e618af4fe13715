import { IsUUID } from 'class-validator';
import { IsoDate } from '../../../libs/tenant-host/src/index.js';

export class ContactParams {
  @IsUUID('all', { message: 'must be the account id of a business contact' })
  accountId: string;
}

export class ContractEndDto {
  @IsoDate()
  endedOn: string;
}
