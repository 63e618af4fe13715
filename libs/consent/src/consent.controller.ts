import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Authenticated, CurrentActor, Roles, personKindOf } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import type { Role } from '../../plugin-api/src/index.js';
import { GrantConsentDto, RecordConsentDto, RecordWithdrawalDto } from './consent.dto.js';
import { ConsentService } from './consent.service.js';
import { Optional } from '../../http/src/index.js';

class LocaleQueryDto {
  @Optional()
  @IsString()
  @MaxLength(10)
  locale?: string;
}

function self(actor: Actor) {
  return { id: actor.accountId!, kind: personKindOf(actor.roles as Role[]) };
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('consents')
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  /** Every purpose the tenant asks consent for, the person's standing on each, and their ledger. */
  @Get('me')
  @Authenticated()
  mine(@CurrentActor() actor: Actor, @Query() q: LocaleQueryDto) {
    return this.consents.list(self(actor).id, q.locale);
  }

  @Post('me/:purpose')
  @HttpCode(200)
  @Authenticated()
  async grant(@CurrentActor() actor: Actor, @Param('purpose') purpose: string, @Body() body: GrantConsentDto) {
    const me = self(actor);
    await this.consents.grant(actor, me.id, purpose, { ...body, channel: 'web', selfKind: me.kind });
    return this.consents.list(me.id, body.locale);
  }

  /** Withdrawal takes effect from the next request on, everywhere. */
  @Delete('me/:purpose')
  @Authenticated()
  async withdraw(@CurrentActor() actor: Actor, @Param('purpose') purpose: string) {
    const me = self(actor);
    await this.consents.withdraw(actor, me.id, purpose, { channel: 'web', selfKind: me.kind });
    return this.consents.list(me.id);
  }

  /**
   * A person's consents for staff. Where the tenant limits staff to their own org units, a person
   * outside their reach is answered as one who does not exist (404), on all three routes.
   */
  @Get('people/:personId')
  @Roles('staff', 'tenant-admin')
  person(@CurrentActor() actor: Actor, @Param('personId', new ParseUUIDPipe()) personId: string, @Query() q: LocaleQueryDto) {
    return this.consents.listForStaff(actor, personId, q.locale);
  }

  /** A decision the person gave staff another way (phone, paper); the ledger names who recorded it. */
  @Post('people/:personId/:purpose')
  @HttpCode(200)
  @Roles('staff', 'tenant-admin')
  record(
    @CurrentActor() actor: Actor,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Param('purpose') purpose: string,
    @Body() body: RecordConsentDto,
  ) {
    return this.consents.grantForStaff(actor, personId, purpose, body);
  }

  @Delete('people/:personId/:purpose')
  @Roles('staff', 'tenant-admin')
  recordWithdrawal(
    @CurrentActor() actor: Actor,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Param('purpose') purpose: string,
    @Body() body: RecordWithdrawalDto,
  ) {
    return this.consents.withdrawForStaff(actor, personId, purpose, body);
  }
}
