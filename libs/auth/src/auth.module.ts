import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/src/index.js';
import { PersonDataRegistry } from '../../privacy/src/person-data.registry.js';
import { AccessGuard } from './access.guard.js';
import { AccountPreferencesService } from './account-preferences.service.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { DeferredWork } from './deferred-work.js';
import { jwtOptions } from './jwt-key.js';
import { LocalStrategy } from './local.strategy.js';
import { OrgUnitsController } from './org-units.controller.js';
import { OrgUnitsService } from './org-units.service.js';
import { OrgUnitDelegationsService } from './org-unit-delegations.service.js';
import { PasswordService } from './password.service.js';
import { RateLimitsSetup } from './rate-limits.setup.js';
import { SignInThrottle } from './sign-in-throttle.service.js';
import { TokensService } from './tokens.service.js';

@Global()
@Module({
  imports: [PassportModule.register({ session: false }), JwtModule.registerAsync({ inject: [AppConfig], useFactory: jwtOptions })],
  controllers: [AuthController, AccountsController, OrgUnitsController],
  providers: [
    PasswordService,
    SignInThrottle,
    AccountsService,
    TokensService,
    LocalStrategy,
    OrgUnitsService,
    OrgUnitDelegationsService,
    RateLimitsSetup,
    DeferredWork,
    AccountPreferencesService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    AccountsService,
    TokensService,
    PasswordService,
    OrgUnitsService,
    OrgUnitDelegationsService,
    SignInThrottle,
    DeferredWork,
    AccountPreferencesService,
  ],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly registry: PersonDataRegistry,
    private readonly throttle: SignInThrottle,
  ) {}

  onModuleInit(): void {
    // The sign-in delay of the person's address: keyed by an HMAC, but it is still about them.
    const forget = async (
      tx: Parameters<SignInThrottle['cleared']>[0],
      personIds: readonly string[],
    ) => {
      const rows = await tx.query<{ email: string }>(
        `SELECT email FROM accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tx.tenantId, personIds],
      );
      await this.throttle.clearedMany(
        tx,
        rows.map((r) => r.email),
      );
    };
    this.registry.register({
      name: 'sign-in-throttle',
      erase: (tx, personId) => forget(tx, [personId]),
      eraseMany: forget,
      anonymise: (tx, personId) => forget(tx, [personId]),
      anonymiseMany: forget,
    });
  }
}
