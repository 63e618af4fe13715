import { Inject, Injectable } from '@nestjs/common';
import { assertValidRegistry, type TenantDefinition } from '../../plugin-api/src/index.js';
import { RequestContext, type TenantRef } from '../../context/src/index.js';

export const TENANT_DEFINITIONS = Symbol('TENANT_DEFINITIONS');

/** The tenant that hosts platform operators; it runs on no definition and holds no candidate data. */
export const PLATFORM_TENANT_KEY = 'platform';

export class UnknownPluginError extends Error {
  constructor(plugin: string) {
    super(`No tenant definition named "${plugin}" is registered`);
  }
}

/** The validated tenant definitions (plugins) this process was started with. */
@Injectable()
export class TenantRegistry {
  private readonly byKey: Map<string, TenantDefinition>;

  constructor(@Inject(TENANT_DEFINITIONS) definitions: readonly TenantDefinition[]) {
    assertValidRegistry(definitions);
    this.byKey = new Map(definitions.map((d) => [d.key, d]));
  }

  all(): TenantDefinition[] {
    return [...this.byKey.values()];
  }

  has(plugin: string): boolean {
    return this.byKey.has(plugin);
  }

  get(plugin: string): TenantDefinition {
    const def = this.byKey.get(plugin);
    if (!def) throw new UnknownPluginError(plugin);
    return def;
  }

  /** The definition of the tenant in context. */
  current(): TenantDefinition {
    return this.get(RequestContext.tenant().plugin);
  }

  for(tenant: TenantRef): TenantDefinition {
    return this.get(tenant.plugin);
  }
}
