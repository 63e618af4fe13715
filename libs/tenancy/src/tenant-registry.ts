import { Inject, Injectable, Optional } from '@nestjs/common';
import { assertValidRegistry, type DefinitionCheck, type TenantDefinition } from '../../plugin-api/src/index.js';
import { RequestContext, type TenantRef } from '../../context/src/index.js';

export const TENANT_DEFINITIONS = Symbol('TENANT_DEFINITIONS');
/** The capabilities' checks of their parts of a definition, given by the platform that composes them. */
export const TENANT_DEFINITION_CHECKS = Symbol('TENANT_DEFINITION_CHECKS');

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

  constructor(
    @Inject(TENANT_DEFINITIONS) definitions: readonly TenantDefinition[],
    @Optional() @Inject(TENANT_DEFINITION_CHECKS) checks?: readonly DefinitionCheck[] | null,
  ) {
    assertValidRegistry(definitions, checks ?? []);
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
