import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** A fixed hash to verify against when the account does not exist, so timing does not tell. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0x1BtbzRq4T/IjV9xLn8bYe2dZV0m3ZQq8dKc3I0Xhk';

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane): strong enough, and
 * cheap enough that a sign-in costs tens of milliseconds, not hundreds.
 */
@Injectable()
export class PasswordService {
  static readonly MIN_LENGTH = 12;
  static readonly MAX_LENGTH = 128;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? DUMMY_HASH, password);
    } catch {
      return false;
    }
  }

  /** ASVS 6.2: length, not composition rules; the reason names what is wrong. */
  problem(password: string, context: string[] = []): string | null {
    if (password.length < PasswordService.MIN_LENGTH)
      return `must be at least ${PasswordService.MIN_LENGTH} characters`;
    if (password.length > PasswordService.MAX_LENGTH)
      return `must be at most ${PasswordService.MAX_LENGTH} characters`;
    const lower = password.toLowerCase();
    if (context.some((c) => c.length >= 4 && lower.includes(c.toLowerCase())))
      return 'must not contain your e-mail address or name';
    if (/^(.)\1+$/.test(password)) return 'must not be one repeated character';
    return null;
  }
}
