import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NestedObjects, Optional } from '../../http/src/index.js';

export class UnsubscribeTokenQuery {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{60,120}$/, { message: 'token must be the token from an unsubscribe or preferences link' })
  token: string;
}

/** One switch per category a person may refuse; transactional mail is not among them. */
export class MailPreferencesDto {
  @Optional()
  @IsBoolean()
  reminder?: boolean;

  @Optional()
  @IsBoolean()
  alert?: boolean;

  @Optional()
  @IsBoolean()
  notification?: boolean;

  @Optional()
  @IsBoolean()
  newsletter?: boolean;
}

export class BounceEventDto {
  @IsIn(['hard-bounce', 'soft-bounce', 'complaint'])
  type: 'hard-bounce' | 'soft-bounce' | 'complaint';

  @IsEmail()
  @MaxLength(254)
  address: string;

  /** The Message-ID header of the original mail, angle brackets included. */
  @Optional()
  @IsString()
  @Matches(/^<[^<>\s]+@[^<>\s]+>$/, { message: 'messageId must be a Message-ID header value like <id@domain>' })
  messageId?: string;

  @Optional()
  @Matches(/^[245]\.\d{1,3}\.\d{1,3}$/, { message: 'status must be an RFC 3463 status code like 5.1.1' })
  status?: string;
}

/** The simple JSON shape a mail provider's webhook (or a relay script) posts. */
export class BounceWebhookDto {
  @NestedObjects(() => BounceEventDto, { min: 1, max: 500 })
  events: BounceEventDto[];
}

export class TemplatePreviewQuery {
  @Optional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'locale must be a language code like nl or en' })
  locale?: string;

  @Optional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'brand must be one of the tenant brand keys' })
  brand?: string;
}

export class MailMessagesQuery {
  @Optional()
  @IsUUID()
  personId?: string;

  @Optional()
  @IsIn(['queued', 'sending', 'sent', 'failed', 'suppressed', 'unconfirmed', 'bounced'])
  status?: string;

  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** Where a tracked mail's link leads: the address its token was signed for, nothing else is followed. */
export class TrackedLinkQuery {
  @IsString()
  @MaxLength(4000)
  @Matches(/^https?:\/\/\S+$/, { message: 'u must be the address of the link in the mail' })
  u: string;
}
