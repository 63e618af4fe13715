import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';

/**
 * Links a tenant's mail carries to its own portal pages, on the platform's public address (the one
 * the core's verification and invitation links use), so they open wherever the platform is served.
 */
@Injectable()
export class PortalLinks {
  constructor(private readonly config: AppConfig) {}

  /** `/x/assignments` of the current tenant, as an absolute URL. */
  page(path: string): string {
    return new URL(`/t/${RequestContext.tenant().key}${path}`, this.config.PUBLIC_BASE_URL).toString();
  }
}
