import { Type } from 'class-transformer';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import { Optional, Text } from '../../http/src/index.js';

export class ConnectionIdParams {
  @IsUUID('all', { message: 'must be a connection id (uuid)' })
  id: string;
}

export class PersonIdParams {
  @IsUUID('all', { message: 'must be a person id (uuid)' })
  personId: string;
}

export class RequestConnectionDto {
  /** The pool profile's public handle, as search results list it next to the alias. */
  @Matches(/^[A-Za-z0-9_-]{22}$/, { message: 'must be the public handle of a profile in the talent pool' })
  profileHandle: string;

  @Optional()
  @Text(1, 1000)
  message?: string;

  /** Needed only when the employer belongs to more than one organisation. */
  @Optional()
  @IsUUID('all')
  employerOrgUnitId?: string;
}

export class SendMessageDto {
  @Text(1, 4000)
  body: string;
}

export class ReadMessagesQuery {
  @Optional()
  @IsUUID('all', { message: 'must be a message id (uuid)' })
  before?: string;

  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
