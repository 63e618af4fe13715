import { IsDateString, IsUUID } from 'class-validator';

export class ContactParams {
  @IsUUID('all', { message: 'must be the account id of a business contact' })
  accountId: string;
}

export class ContractEndDto {
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  endedOn: string;
}
