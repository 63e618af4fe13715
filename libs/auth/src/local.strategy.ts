import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AccountsService } from './accounts.service.js';
import type { AccountEntity } from './account.entity.js';

/** passport-local: e-mail and password, checked against the accounts of the request's tenant. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly accounts: AccountsService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  async validate(email: string, password: string): Promise<AccountEntity> {
    const account = await this.accounts.authenticate(String(email), String(password));
    // One message for every failure: it must not reveal which accounts exist.
    if (!account) throw new UnauthorizedException('E-mail address or password is wrong');
    return account;
  }
}
