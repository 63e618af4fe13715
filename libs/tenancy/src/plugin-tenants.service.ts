import { Injectable } from '@nestjs/common';
import type { TenantRef } from '../../context/src/index.js';
import { TenantsService } from './tenants.service.js';

/**
 * The active tenants that run on one definition: what a tenant module's own scheduled work walks
 * (statement 003's reminder mail), without access to the rest of the catalog.
 */
@Injectable()
export class PluginTenants {
  constructor(private readonly tenants: TenantsService) {}

  async list(plugin: string): Promise<TenantRef[]> {
    const all = await this.tenants.list();
    return all.filter((t) => t.plugin === plugin && t.status === 'active').map(({ id, key, plugin: p }) => ({ id, key, plugin: p }));
  }
}
