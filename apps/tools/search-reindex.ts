import type { INestApplicationContext } from '@nestjs/common';
import { RequestContext, SYSTEM } from '../../libs/context/src/index.js';
import { SearchIndexService } from '../../libs/search/src/index.js';
import { PLATFORM_TENANT_KEY, TenantRegistry, TenantsService } from '../../libs/tenancy/src/index.js';

export interface ReindexReport {
  readonly tenants: readonly { readonly key: string; readonly profiles: number; readonly seconds: number }[];
  readonly unknown: readonly string[];
  /** Tenants whose definition this build does not register: their index is left as it is. */
  readonly skipped: readonly string[];
}

/**
 * Rebuilds the candidate-bank search index of the named tenants (all, when none is named), one
 * tenant after the other in batches of the index's own size, so memory stays that of one batch
 * however large the tenant. `print` hears a progress line at most every `everyMs` and one per
 * tenant at its end: a rebuild of a million profiles takes minutes and must be seen to move.
 */
export async function reindexSearch(
  app: INestApplicationContext,
  keys: readonly string[],
  print: (line: string) => void,
  everyMs = 2_000,
): Promise<ReindexReport> {
  const registry = app.get(TenantRegistry);
  const all = (await app.get(TenantsService).list()).filter((t) => t.plugin !== PLATFORM_TENANT_KEY);
  const named = keys.length ? all.filter((t) => keys.includes(t.key)) : all;
  const chosen = named.filter((t) => registry.has(t.plugin));
  const skipped = named.filter((t) => !registry.has(t.plugin)).map((t) => t.key);
  for (const key of skipped) print(`${key}: skipped, its definition is not in this build`);
  const unknown = keys.filter((k) => !all.some((t) => t.key === k));
  const index = app.get(SearchIndexService);
  const done: { key: string; profiles: number; seconds: number }[] = [];
  for (const tenant of chosen) {
    const started = performance.now();
    let shown = started;
    const rate = (seen: number, now: number) => Math.round(seen / Math.max((now - started) / 1000, 0.001));
    const profiles = await RequestContext.run({ tenant, actor: SYSTEM }, () =>
      index.reindexTenant((seen) => {
        const now = performance.now();
        if (now - shown < everyMs) return;
        shown = now;
        print(`${tenant.key}: ${seen.toLocaleString('en')} profiles so far (${rate(seen, now).toLocaleString('en')}/s)`);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    print(`${tenant.key}: done, ${profiles.toLocaleString('en')} profiles in ${seconds.toFixed(1)} s`);
    done.push({ key: tenant.key, profiles, seconds });
  }
  return { tenants: done, unknown, skipped };
}
