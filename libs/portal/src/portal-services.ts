import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

/**
 * The platform's use cases, found where their capability registered them. Pages call the same
 * services as the API's controllers, never the API over HTTP, so both follow the same rules.
 */
@Injectable()
export class PortalServices {
  private readonly found = new Map<unknown, unknown>();

  constructor(private readonly modules: ModuleRef) {}

  get<T>(token: abstract new (...args: never[]) => T): T {
    let service = this.found.get(token) as T | undefined;
    if (!service) {
      service = this.modules.get(token as never, { strict: false }) as T;
      this.found.set(token, service);
    }
    return service;
  }
}
