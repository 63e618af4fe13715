import { Module, type OnModuleInit } from '@nestjs/common';
import { SignInThrottle } from '../../auth/src/index.js';
import { PasswordResetController } from './password-reset.controller.js';
import { PasswordResetService } from './password-reset.service.js';
import { OrganisationAccountsService } from './organisation-accounts.service.js';
import { SignInAttemptsNotifier } from './sign-in-attempts.notifier.js';

/**
 * Getting into an account by the mailbox: password reset, and the notice to the holder when
 * failed sign-ins slow their address down. Separate from auth because it sends mail, and the mail
 * engine is a capability that itself builds on auth.
 */
@Module({
  controllers: [PasswordResetController],
  providers: [PasswordResetService, SignInAttemptsNotifier, OrganisationAccountsService],
  exports: [PasswordResetService, OrganisationAccountsService],
})
export class AccountRecoveryModule implements OnModuleInit {
  constructor(
    private readonly throttle: SignInThrottle,
    private readonly notifier: SignInAttemptsNotifier,
  ) {}

  onModuleInit(): void {
    this.throttle.onDelayStarted((tx, event) => this.notifier.delayStarted(tx, event.address));
  }
}
