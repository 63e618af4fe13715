import { Injectable } from '@nestjs/common';
import { AccountsService, TokensService, personKindOf, type TokenPair } from '../../../auth/src/index.js';
import { PasswordResetService } from '../../../account-recovery/src/index.js';
import { AuditService } from '../../../audit/src/index.js';
import type { Actor } from '../../../context/src/index.js';
import { ActivityService } from '../../../privacy/src/index.js';
import { EmailVerificationService, ProfileRegistrationService, RegisterProfileDto } from '../../../profiles/src/index.js';
import { assertValidBody } from '../../../http/src/index.js';
import { PortalServices } from '../portal-services.js';

/** The password-reset use case, as `POST /auth/password-reset` and `/confirm` run it. */
export interface PasswordResetFlow {
  /** Mails a single-use link when the address has an account; answers alike either way. */
  request(email: string): Promise<unknown>;
  /** Sets the new password from the link; every session of the account ends. */
  confirm(token: string, password: string): Promise<unknown>;
}

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly tokens: TokenPair; readonly accountId: string; readonly locale: string }
  | { readonly kind: 'refused' }
  | { readonly kind: 'delayed'; readonly retryAfterSeconds: number };

export interface Registration {
  readonly email: string;
  readonly password?: string;
  readonly fields: Record<string, unknown>;
  readonly locale: string;
}

/**
 * The one seam between the pages and the account use cases: sign-in, the session behind a page
 * cookie, registration and verification, password reset. Each method is what the API's controller
 * does for the same request, on the same services, so the rules are the API's. When those use cases
 * change, this file changes and the pages do not.
 */
@Injectable()
export class AccountGateway {
  /**
   * Where the password is chosen: with the verification link, by whoever holds the mailbox (a
   * stranger who registers someone's address never knows its password). The pages show the
   * password field where this says.
   */
  readonly passwordAt: 'registration' | 'verification' = 'verification';

  constructor(private readonly services: PortalServices) {}

  get passwordReset(): PasswordResetFlow {
    const reset = this.services.get(PasswordResetService);
    return { request: (email) => Promise.resolve(reset.request(email)), confirm: (token, password) => reset.confirm(token, password) };
  }

  private get accounts() {
    return this.services.get(AccountsService);
  }

  private get tokens() {
    return this.services.get(TokensService);
  }

  /** As `POST /auth/login`: the same check, the same session row, the same audit and activity. */
  async signIn(email: string, password: string): Promise<SignInOutcome> {
    const result = await this.accounts.authenticate(email, password);
    if (result.kind !== 'signed-in') return result;
    const account = result.account;
    const tokens = await this.tokens.issue(account, await this.accounts.orgUnitIds(account.id));
    await this.services.get(AuditService).record({ action: 'account.sign-in', subjectType: 'account', subjectId: account.id });
    const kind = personKindOf(account.roles);
    if (kind) await this.services.get(ActivityService).touch(account.id, kind, 'sign-in');
    return { kind: 'signed-in', tokens, accountId: account.id, locale: account.locale };
  }

  /**
   * As the API's access guard: a valid access token of this tenant whose session is still open.
   * Anything else is an error, and the page treats the visitor as signed out.
   */
  async identify(accessToken: string): Promise<Actor> {
    // Bound to its account, roles and org units as the database holds them now, as in the API.
    const caller = await this.tokens.authenticate(accessToken);
    return { kind: 'account', accountId: caller.accountId, roles: caller.roles, orgUnitIds: caller.orgUnitIds, sessionId: caller.sessionId };
  }

  /** As `POST /auth/refresh`: the session's refresh token rotates; a reused one ends the session. */
  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.refresh(refreshToken);
  }

  /** As `POST /auth/logout`. */
  signOut(sessionId: string): Promise<void> {
    return this.tokens.revoke(sessionId);
  }

  /** As `POST /profiles/register`: the same DTO check, then the same use case. */
  async register(input: Registration): Promise<void> {
    const body: Record<string, unknown> = { email: input.email, fields: input.fields, locale: input.locale };
    if (this.passwordAt === 'registration') body.password = input.password ?? '';
    assertValidBody(RegisterProfileDto, body);
    await this.services.get(ProfileRegistrationService).register(body as unknown as RegisterProfileDto);
  }

  /** As `POST /profiles/verify-email`: proving the mailbox sets the password chosen here. */
  async verify(token: string, password?: string): Promise<void> {
    await this.services.get(EmailVerificationService).verify(token, password ?? '');
  }
}
