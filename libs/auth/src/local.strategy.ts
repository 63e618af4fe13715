import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AccountsService } from './accounts.service.js';
import type { AccountEntity } from './account.entity.js';
import { TooManyAttempts } from './too-many-attempts.js';

/** passport-local: e-mail and password, checked against the accounts of the request's tenant. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly accounts: AccountsService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  async validate(email: string, password: string): Promise<AccountEntity> {
    const result = await this.accounts.authenticate(String(email), String(password));
    if (result.kind === 'delayed') throw new TooManyAttempts(result.retryAfterSeconds);
    // One message for every refusal (wrong password, unknown, unverified or disabled account):
    // it must not reveal which accounts exist.
    if (result.kind === 'refused')
      throw new UnauthorizedException('E-mail address or password is wrong');
    return result.account;
  }
}
