import { NotFoundException, UseGuards, type CanActivate } from '@nestjs/common';
import { RequestContext } from '../../context/src/index.js';

/**
 * Routes are shared by every tenant of a process; a tenant's own controller answers only for
 * tenants running on its definition and is simply not there (404) for the others.
 */
class TenantPluginGuard implements CanActivate {
  constructor(private readonly plugin: string) {}

  canActivate(): boolean {
    if (RequestContext.tenantOrNull()?.plugin !== this.plugin) throw new NotFoundException('Cannot find this route');
    return true;
  }
}

/** Class decorator for a tenant module's controller: `@ForTenant('refugee-talent-pool')`. */
export const ForTenant = (plugin: string) => UseGuards(new TenantPluginGuard(plugin));
