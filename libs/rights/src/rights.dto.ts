import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Optional, Text } from '../../http/src/index.js';
import { RIGHTS_REQUEST_KINDS, type RightsRequestKind } from '../../plugin-api/src/index.js';
import { OBJECTION_PURPOSES, RIGHTS_SOURCES, RIGHTS_STATUSES, type ObjectionPurpose, type RightsStatus } from './rights-request.js';

const STAFF_SOURCES = RIGHTS_SOURCES.filter((s) => s !== 'self');

export class SubmitRightsRequestDto {
  @IsIn(RIGHTS_REQUEST_KINDS)
  kind: RightsRequestKind;

  /** What to rectify, what to object to: the person's own words. */
  @Optional()
  @Text(1, 4000)
  details?: string;
}

/**
 * A request the person makes signed in or staff enter: an objection may name the one purpose it is
 * about (`direct-marketing`). Not offered through the mailed link, whose confirmation holds no purpose.
 */
export class SubmitOwnRightsRequestDto extends SubmitRightsRequestDto {
  @Optional()
  @IsIn(OBJECTION_PURPOSES)
  purpose?: ObjectionPurpose;
}

export class EnterRightsRequestDto extends SubmitOwnRightsRequestDto {
  @IsUUID()
  personId: string;

  /** How the request reached the tenant: by post, phone, e-mail or in person. */
  @IsIn(STAFF_SOURCES)
  source: 'post' | 'phone' | 'email' | 'in-person';
}

export class RightsStatusDto {
  @IsIn(RIGHTS_STATUSES.filter((s) => s !== 'received'))
  status: RightsStatus;

  /** Required when refusing: it is sent to the person. */
  @Optional()
  @Text(3, 1000)
  reason?: string;
}

export class ExtendRightsRequestDto {
  /** Why more time is needed; sent to the person (art. 12(3)). */
  @Text(3, 1000)
  reason: string;
}

export class LiftRestrictionDto {
  /**
   * Only `false`: staff lift what an upheld objection or restriction put on processing. A
   * restriction itself starts with the person's request, never by this route.
   */
  @IsIn([false], {
    message: 'only false: a restriction starts with an objection or restriction request',
  })
  restricted: false;

  /** Why the restriction ends; sent to the person (art. 18(3)) and kept in the audit log. */
  @Text(3, 1000)
  reason: string;
}

export class RightsListQueryDto {
  @Optional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @Optional()
  @IsUUID()
  personId?: string;
}

export class OverviewQueryDto {
  /** The language of the field labels; the tenant's default when it has no such locale. */
  @Optional()
  @IsString()
  @MaxLength(10)
  locale?: string;
}

export class RequestByEmailDto extends SubmitRightsRequestDto {
  /** The address of the person's account: the confirmation link goes there, and only there. */
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
}

export class ConfirmByEmailDto {
  /** The token from the link in the mail. */
  @IsString()
  @Length(10, 200)
  token: string;
}
