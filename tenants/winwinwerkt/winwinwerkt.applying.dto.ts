import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional, Text } from '../../libs/tenant-host/src/index.js';
import { CURRENT_STATEMENT_VERSION } from './winwinwerkt.labels.js';

/** Applying to a label vacancy in one step (statement 003, 2.4): the two questions come with it. */
export class ApplyToLabelVacancyDto {
  @ApiProperty({ example: CURRENT_STATEMENT_VERSION })
  @IsIn([CURRENT_STATEMENT_VERSION], { message: `must be the statement version shown now (${CURRENT_STATEMENT_VERSION}): applying asks you to accept it` })
  statementVersion!: string;

  @ApiProperty()
  @Text(1, 10000)
  motivation!: string;

  /** The CV and other documents of the candidate's own profile that go with the application. */
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'must be ids of documents on your profile (uuid)' })
  documentIds?: string[];

  /** "Wil je in de Talenten Etalage?": asked every time, the answer kept with the application. */
  @ApiProperty()
  @IsBoolean({ message: 'must be true or false: do you want to join the Talenten Etalage?' })
  joinEtalage!: boolean;

  /** With yes: the reintegration partner that guides the candidate (the Etalage is for them only). */
  @ApiPropertyOptional()
  @Optional()
  @IsUUID('all', { message: 'must be the id of a coach organisation (uuid)' })
  coachOrganisationId?: string;
}

export class VacancyParams {
  @IsUUID('all', { message: 'must be a vacancy id (uuid)' })
  id!: string;
}

/**
 * Applying without an account, in the request that creates it: who you are (the registration's
 * name and address) and the same questions. No documents: there is no profile yet to take them from.
 */
export class ApplyWithoutAccountDto extends OmitType(ApplyToLabelVacancyDto, ['documentIds'] as const) {
  @ApiProperty({ example: 'sam@example.nl' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @Text(1, 80)
  firstName!: string;

  @ApiProperty()
  @Text(1, 120)
  lastName!: string;

  @ApiPropertyOptional({ example: 'nl' })
  @Optional()
  @IsString()
  @MaxLength(10)
  locale?: string;
}

export class ConfirmPendingQuery {
  @IsString({ message: 'must be the token from the link in the mail' })
  @MaxLength(200)
  token!: string;
}
