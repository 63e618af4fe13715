import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'sam@example.nl' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  /** The token from the link in the mail. */
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  token: string;

  /** The new password (at least 12 characters, not containing the address or the name). */
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}
