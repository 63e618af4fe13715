import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

export class ConnectionIdParams {
  @IsUUID('all', { message: 'must be a connection id (uuid)' })
  id: string;
}

export class PersonIdParams {
  @IsUUID('all', { message: 'must be a person id (uuid)' })
  personId: string;
}

export class RequestConnectionDto {
  /** The pool profile's id, as search results list it next to the alias. */
  @IsUUID('all', { message: 'must be the id of a profile in the talent pool' })
  profileId: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  /** Needed only when the employer belongs to more than one organisation. */
  @IsOptional()
  @IsUUID('all')
  employerOrgUnitId?: string;
}

export class SendMessageDto {
  @IsString()
  @Length(1, 4000, { message: 'must be between 1 and 4000 characters' })
  body: string;
}

export class ReadMessagesQuery {
  @IsOptional()
  @IsUUID('all', { message: 'must be a message id (uuid)' })
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
