import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * 429 with the seconds to wait; the problem-details filter sends them as `Retry-After`. Thrown
 * while an address's sign-in delay runs, for existing and unknown addresses alike.
 */
export class TooManyAttempts extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Too many failed sign-ins for this address; try again later',
  ) {
    super({ detail }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
