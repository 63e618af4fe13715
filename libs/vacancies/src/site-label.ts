import { RequestContext } from '../../context/src/index.js';
import { labelForHost, type TenantDefinition } from '../../plugin-api/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import type { TenantRegistry } from '../../tenancy/src/index.js';

/** The labels of the tenant in context; none for a tenant without a definition (the platform's own). */
export function siteLabels(registry: TenantRegistry): Pick<TenantDefinition, 'labels'> {
  const plugin = RequestContext.tenant().plugin;
  return registry.has(plugin) ? registry.get(plugin) : {};
}

/**
 * The label whose site the request is served on, or null for the tenant's own site (and for every
 * request of a tenant without labels). Vacancies and alerts belong to the site they are made on.
 */
export function siteLabel(def: Pick<TenantDefinition, 'labels'>): string | null {
  return labelForHost(def, RequestContext.host())?.key ?? null;
}

/**
 * The label a vacancy is written for: the one named, which must be a declared label of the tenant,
 * or else the label of the site it is written on. Null (the tenant's own site) may be named too.
 */
export function vacancyLabel(def: Pick<TenantDefinition, 'labels'>, named: string | null | undefined): string | null {
  if (named === undefined) return siteLabel(def);
  if (named === null) return null;
  const keys = (def.labels ?? []).map((l) => l.key);
  if (!keys.includes(named))
    throw new ValidationProblem([
      { field: 'label', reason: keys.length ? `must be one of ${keys.join(', ')} (or null for the tenant's own site)` : 'this site has no labels' },
    ]);
  return named;
}
