import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional } from '../../../http/src/index.js';

/**
 * No password here: it is chosen with the verification link, by whoever holds the mailbox, so a
 * stranger who registers someone's address never knows the password of that account.
 */
export class RegisterProfileDto {
  @ApiProperty({ example: 'sam@example.nl' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  /** The tenant's required identity fields (and any other field the person may write). */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { firstName: 'Sam', lastName: 'de Vries' } })
  @IsObject({ message: 'must be an object of field values' })
  fields: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'nl' })
  @Optional()
  @IsString()
  @MaxLength(10)
  locale?: string;

  /** A municipality, region or team the person belongs to (staff reach follows it). */
  @ApiPropertyOptional()
  @Optional()
  @IsUUID()
  orgUnitId?: string;
}
