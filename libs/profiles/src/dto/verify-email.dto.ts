import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

/** The token from the verification mail and the password the holder of the mailbox chooses. */
export class VerifyEmailDto {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  token: string;

  /** At least 12 characters, not containing the address or the name. */
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}
