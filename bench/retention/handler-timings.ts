import { performance } from 'node:perf_hooks';
import type { PersonDataHandler, PersonDataRegistry } from '../../libs/privacy/src/index.js';

const OPERATIONS = ['erase', 'eraseMany', 'anonymise', 'anonymiseMany', 'inactivate', 'inactivateMany'] as const;

type Totals = Map<string, { calls: number; ms: number }>;

function timed(totals: Totals, key: string, target: object, original: (...args: unknown[]) => Promise<unknown>) {
  return async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original.apply(target, args);
    } finally {
      const t = totals.get(key) ?? { calls: 0, ms: 0 };
      t.calls++;
      t.ms += performance.now() - started;
      totals.set(key, t);
    }
  };
}

/** Wraps a method of a service instance (the audit log's record, the sweep's steps) the same way. */
export function timeMethod(totals: Totals, name: string, target: object, method: string): void {
  const t = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
  t[method] = timed(totals, name, target, t[method]);
}

/** Wraps every registered capability's erasure so the report shows where the sweep's time goes. */
export function timeHandlers(registry: PersonDataRegistry): Totals {
  const totals: Totals = new Map();
  for (const handler of registry.all() as PersonDataHandler[]) {
    for (const op of OPERATIONS) {
      const original = handler[op] as ((...args: unknown[]) => Promise<void>) | undefined;
      if (!original) continue;
      const key = `${handler.name}.${op}`;
      (handler as unknown as Record<string, unknown>)[op] = timed(totals, key, handler, original);
    }
  }
  return totals;
}
