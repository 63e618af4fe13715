import { ConflictException } from '@nestjs/common';

/** Erasure or anonymisation refused because the data must be kept (a legal hold); nothing changed. */
export class ErasureBlockedError extends ConflictException {
  constructor(readonly blocked: ReadonlyMap<string, string>) {
    const who = blocked.size === 1 ? 'this person' : `${blocked.size} people`;
    const detail = `The data of ${who} must be kept: ${[...new Set(blocked.values())].join('; ')}`;
    super({ detail });
    this.message = detail;
  }
}
