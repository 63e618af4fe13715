import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { IsoDateTime, Optional, Text } from '../../libs/tenant-host/src/index.js';
import { CURRENT_STATEMENT_VERSION, winwinwerktLabels } from './winwinwerkt.labels.js';

export class AcceptStatementDto {
  @ApiProperty({ example: CURRENT_STATEMENT_VERSION })
  /** Only the version shown now can be accepted; older acceptances stay on record as they were. */
  @IsIn([CURRENT_STATEMENT_VERSION], { message: `must be the statement version shown now (${CURRENT_STATEMENT_VERSION})` })
  version!: string;

  @ApiProperty({ enum: ['registration', 'application'] })
  @IsIn(['registration', 'application'], { message: 'must be registration or application' })
  occasion!: 'registration' | 'application';

  @ApiPropertyOptional()
  @Optional()
  @IsUUID('all', { message: 'must be a vacancy id (uuid)' })
  vacancyId?: string;
}

export class LeaveForGoodDto {
  /** Statement 2.1, "niet meer beschikbaar + altijd": deleting everything is asked for explicitly. */
  @ApiProperty({ example: true })
  @Equals(true, { message: 'must be true: this deletes your profile, documents and e-mails for good' })
  confirm!: boolean;
}

const LABEL_KEYS = winwinwerktLabels.map((l) => l.key);

/** An advertiser's vacancy (statement 2.6): the candidate applies at the employer, not with us. */
export class CreateAdvertisementDto {
  @ApiProperty({ example: 'Monteur installatietechniek' })
  @Text(3, 160)
  title!: string;

  @ApiProperty({ example: 'Installatiebedrijf Noord BV' })
  @Text(1, 160)
  employerName!: string;

  @ApiProperty()
  @Text(10, 8000)
  description!: string;

  @ApiProperty({ example: 'Groningen' })
  @Text(1, 120)
  city!: string;

  /** Where to apply: the employer's own page (https) ... */
  @ApiPropertyOptional({ example: 'https://werkenbij.example/monteur' })
  @Optional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'must be an https address of the employer or intermediary' })
  @MaxLength(500)
  applyUrl?: string;

  /** ... or its address (at least one of the two). */
  @ApiPropertyOptional({ example: 'vacatures@installatie-noord.example' })
  @Optional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  applyEmail?: string;

  /** The label whose site shows it; left out: WinWinWerkt's own site. */
  @ApiPropertyOptional({ enum: LABEL_KEYS })
  @Optional()
  @IsIn(LABEL_KEYS, { message: `must be one of ${LABEL_KEYS.join(', ')}` })
  label?: string;

  @ApiProperty({ example: '2027-12-31T00:00:00.000Z' })
  @IsoDateTime()
  publishUntil!: string;
}

export class AdvertisementParams {
  @IsUUID('all', { message: 'must be an advertisement id (uuid)' })
  id!: string;
}

export class JoinEtalageDto {
  /** The reintegration partner (an org unit of kind partner-organisation) that guides the candidate. */
  @ApiProperty()
  @IsUUID('all', { message: 'must be the id of a coach organisation (uuid)' })
  coachOrganisationId!: string;
}

export class EtalageParams {
  @IsUUID('all', { message: 'must be a talent profile id (uuid)' })
  id!: string;
}

/** Who writes, and how to reach them: only what is needed to answer. */
class ContactPersonDto {
  @ApiProperty({ example: 'Henk de Bakker' })
  @Text(1, 160)
  name!: string;

  @ApiProperty({ example: 'henk@korenschoof.example' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '+31 30 123 4567' })
  @Optional()
  @Text(6, 40)
  phone?: string;
}

/** An employer, with or without an account, writes to the coach of an anonymous talent. */
export class EtalageContactDto extends ContactPersonDto {
  @ApiProperty({ example: 'Bakkerij De Korenschoof BV' })
  @Text(1, 160)
  organisation!: string;

  @ApiProperty()
  @Text(10, 4000)
  message!: string;
}

/** A label's contact form (statement 3.3): only what is needed to reach the person. */
export class ContactFormDto extends ContactPersonDto {
  @ApiProperty()
  @Text(1, 4000)
  message!: string;
}

/** Statement 3.4: first name, last name, company and address, with the opt-in given on the form. */
export class NewsletterDto {
  @ApiProperty({ example: 'Henk' })
  @Text(1, 80)
  firstName!: string;

  @ApiProperty({ example: 'de Bakker' })
  @Text(1, 120)
  lastName!: string;

  @ApiPropertyOptional({ example: 'Bakkerij De Korenschoof BV' })
  @Optional()
  @Text(1, 160)
  company?: string;

  @ApiProperty({ example: 'henk@korenschoof.example' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  /** The box next to the text shown: the opt-in itself. */
  @ApiProperty({ example: true })
  @Equals(true, { message: 'must be true: subscribing needs your opt-in' })
  optIn!: boolean;
}

export const RELATION_KINDS = ['relation', 'prospect', 'client', 'supplier'] as const;

export class CreateRelationDto {
  @ApiProperty({ enum: RELATION_KINDS })
  @IsIn(RELATION_KINDS, { message: `must be one of ${RELATION_KINDS.join(', ')}` })
  kind!: (typeof RELATION_KINDS)[number];

  @ApiProperty({ example: 'Bakkerij De Korenschoof BV' })
  @Text(1, 160)
  organisation!: string;

  @ApiProperty({ example: 'Henk de Bakker' })
  @Text(1, 160)
  contactName!: string;

  @ApiProperty({ example: 'henk@korenschoof.example' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '+31 30 123 4567' })
  @Optional()
  @Text(6, 40)
  phone?: string;
}

export class RelationParams {
  @IsUUID('all', { message: 'must be a relation id (uuid)' })
  id!: string;
}

/** A person without an account asks WinWinWerkt to delete everything kept under their address (3.3). */
export class CrmErasureDto {
  @ApiProperty({ example: 'henk@korenschoof.example' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class ApplicationParams {
  @IsUUID('all', { message: 'must be an application id (uuid)' })
  id!: string;
}
