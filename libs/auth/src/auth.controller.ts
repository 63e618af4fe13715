import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../../context/src/index.js';
import { Authenticated, Public } from './access.decorators.js';
import type { AccountEntity } from './account.entity.js';
import { AccountsService } from './accounts.service.js';
import { LoginDto, RefreshDto } from './auth.dto.js';
import { TokensService } from './tokens.service.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { ActivityService } from '../../privacy/src/activity.service.js';
import { personKindOf } from './person-kind.js';
import { LocalLoginGuard } from './local-login.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly tokens: TokensService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
  ) {}

  /** E-mail and password (passport-local), answered with an access token and a refresh token. */
  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LocalLoginGuard)
  async login(@Req() req: FastifyRequest & { user: AccountEntity }, @Body() _body: LoginDto) {
    const account = req.user;
    const pair = await this.tokens.issue(account, await this.accounts.orgUnitIds(account.id));
    await this.audit.record({ action: 'account.sign-in', subjectType: 'account', subjectId: account.id });
    const kind = personKindOf(account.roles);
    // A sign-in answers retention reminders: it is the interaction most schedules count from.
    if (kind) await this.activity.touch(account.id, kind, 'sign-in');
    return pair;
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() body: RefreshDto) {
    return this.tokens.refresh(body.refreshToken);
  }

  /** Ends this session: its refresh token and every access token issued for it stop working. */
  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  async logout(): Promise<void> {
    const sid = RequestContext.actor().sessionId;
    if (sid) await this.tokens.revoke(sid);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  async me() {
    const actor = RequestContext.actor();
    const account = await this.accounts.findById(actor.accountId!);
    return {
      id: account!.id,
      email: account!.email,
      displayName: account!.displayName,
      roles: account!.roles,
      orgUnitIds: actor.orgUnitIds,
      locale: account!.locale,
      tenant: RequestContext.tenant().key,
    };
  }
}
