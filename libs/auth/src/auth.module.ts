import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard.js';
import { AccountPreferencesService } from './account-preferences.service.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { LocalStrategy } from './local.strategy.js';
import { OrgUnitsController } from './org-units.controller.js';
import { OrgUnitsService } from './org-units.service.js';
import { PasswordService } from './password.service.js';
import { TokensService } from './tokens.service.js';

@Global()
@Module({
  imports: [PassportModule.register({ session: false }), JwtModule.register({})],
  controllers: [AuthController, AccountsController, OrgUnitsController],
  providers: [
    PasswordService,
    AccountsService,
    TokensService,
    LocalStrategy,
    OrgUnitsService,
    AccountPreferencesService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccountsService, TokensService, PasswordService, OrgUnitsService, AccountPreferencesService],
})
export class AuthModule {}
