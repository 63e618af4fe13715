import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Optional, Text } from '../../http/src/index.js';
import { ROLES, type Role } from '../../plugin-api/src/index.js';

export class LoginDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @IsString()
  @Length(40, 120)
  refreshToken: string;
}

export class CreateAccountDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Text(1, 120)
  displayName: string;

  @IsString()
  @MaxLength(128)
  password: string;

  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ROLES.filter((r) => r !== 'platform-operator'), { each: true })
  roles: Role[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  orgUnitIds?: string[];

  @Optional()
  @IsIn(['nl', 'en'])
  locale?: string;
}
