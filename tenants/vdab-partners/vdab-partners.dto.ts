import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsUUID, MaxLength } from 'class-validator';
import { IsoDate, IsoDateTime, Optional, Text } from '../../libs/tenant-host/src/index.js';
import { ACTION_OUTCOMES, ACTION_TYPES, ASSIGNMENT_KINDS } from './vdab-partners.catalogue.js';

export class CreateDossierDto {
  @ApiProperty({ description: "The service's own reference of the jobseeker", example: 'WZ-2026-000123' })
  @Text(1, 40)
  reference!: string;

  @ApiProperty({ example: 'An' })
  @Text(1, 80)
  firstName!: string;

  @ApiProperty({ example: 'Peeters' })
  @Text(1, 120)
  lastName!: string;
}

export class CreateAssignmentDto {
  @ApiProperty({ description: 'The partner organisation (an org unit of kind partner-organisation)' })
  @IsUUID('all', { message: 'must be an organisation id (uuid)' })
  organisationId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'must be a dossier id (uuid)' })
  dossierId!: string;

  @ApiProperty({ enum: ASSIGNMENT_KINDS })
  @IsIn(ASSIGNMENT_KINDS, { message: `must be one of ${ASSIGNMENT_KINDS.join(', ')}` })
  kind!: string;

  @ApiProperty({ example: '2026-03-01T00:00:00Z' })
  @IsoDateTime()
  startsAt!: string;

  @ApiProperty({ example: '2026-09-01T00:00:00Z', description: 'Access closes at this moment' })
  @IsoDateTime()
  endsAt!: string;
}

export class RecordActionDto {
  @ApiProperty({ enum: ACTION_TYPES, example: 'coaching-session' })
  @IsIn(ACTION_TYPES, { message: `must be one of ${ACTION_TYPES.join(', ')}` })
  type!: string;

  @ApiProperty({ example: '2026-03-12' })
  @IsoDate()
  date!: string;

  @ApiProperty({ enum: ACTION_OUTCOMES, example: 'completed' })
  @IsIn(ACTION_OUTCOMES, { message: `must be one of ${ACTION_OUTCOMES.join(', ')}` })
  outcome!: string;

  @ApiProperty({ required: false, example: 'CV herwerkt; twee vacatures besproken.' })
  @Optional()
  @Text(1, 4000)
  notes?: string;
}

export class DossierParams {
  @IsUUID('all', { message: 'must be a dossier id (uuid)' })
  dossierId!: string;
}

export class ActionParams {
  @IsUUID('all', { message: 'must be a dossier id (uuid)' })
  dossierId!: string;

  @IsUUID('all', { message: 'must be an action id (uuid)' })
  actionId!: string;
}

export class ActionDocumentParams {
  @IsUUID('all', { message: 'must be a dossier id (uuid)' })
  dossierId!: string;

  @IsUUID('all', { message: 'must be an action id (uuid)' })
  actionId!: string;

  @IsUUID('all', { message: 'must be a document id (uuid)' })
  documentId!: string;
}

export class AssignmentParams {
  @IsUUID('all', { message: 'must be an assignment id (uuid)' })
  assignmentId!: string;
}

export class CredentialParams {
  @IsUUID('all', { message: 'must be a credential id (uuid)' })
  credentialId!: string;
}

export class PartnerAdminParams {
  @IsUUID('all', { message: 'must be an organisation id (uuid)' })
  organisationId!: string;

  @IsUUID('all', { message: 'must be an account id (uuid)' })
  accountId!: string;
}

export class CreateCredentialDto {
  @ApiProperty({ example: 'CRM-koppeling', description: 'A name the partner admin recognises the credential by' })
  @Text(1, 80)
  label!: string;
}

/** The portal's form: the label, and the key the page drew for this rendering of the form. */
export class CredentialFormDto extends CreateCredentialDto {
  @IsUUID('all', { message: 'must be the key of the form (reload the page)' })
  formKey!: string;
}

export class QualityReportQuery {
  @ApiProperty()
  @IsUUID('all', { message: 'must be an organisation id (uuid)' })
  organisationId!: string;

  @ApiProperty({ example: '2026-01-01', description: 'First day of the period' })
  @IsoDate()
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day of the period (inclusive)' })
  @IsoDate()
  to!: string;
}

export class AccountRequestDto {
  @ApiProperty({ example: 'nieuwe.collega@werkpunt.example', description: 'The colleague who needs access' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Nina Nieuw' })
  @Text(1, 120)
  displayName!: string;
}

export class AccountRequestParams {
  @IsUUID('all', { message: 'must be an account request id (uuid)' })
  requestId!: string;
}

export class StaffParams {
  @IsUUID('all', { message: 'must be an account id (uuid)' })
  accountId!: string;
}

export class CorrectOwnDataDto {
  @ApiProperty({ example: 'Koen De Coach' })
  @Text(1, 120)
  displayName!: string;
}

export class ServiceUpdateDto {
  @ApiProperty({ example: 'Nieuwe actietypes' })
  @Text(1, 160)
  title!: string;

  @ApiProperty({ example: 'Vanaf maart registreer je ook werkplekbezoeken in Mijn Loopbaan.' })
  @Text(1, 4000)
  message!: string;
}
