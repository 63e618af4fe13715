import { NotFoundException } from '@nestjs/common';
import { RequestContext } from '../../context/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import type { TenantRegistry } from '../../tenancy/src/index.js';

/**
 * The definition of the tenant in context, or a 404 for a tenant that runs on none (the platform
 * tenant): it keeps no candidate profiles, so its profile routes do not exist.
 */
export function profilesDefinition(registry: TenantRegistry): TenantDefinition {
  const plugin = RequestContext.tenant().plugin;
  if (!registry.has(plugin)) throw new NotFoundException('This service keeps no candidate profiles');
  return registry.get(plugin);
}
