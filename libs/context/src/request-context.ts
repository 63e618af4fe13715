import { AsyncLocalStorage } from 'node:async_hooks';

/** The tenant a unit of work belongs to. */
export interface TenantRef {
  readonly id: string;
  readonly key: string;
  /** Key of the tenant definition (plugin) this tenant runs on. */
  readonly plugin: string;
}

/** Who is acting: an account, or the platform itself (scheduled work). */
export interface Actor {
  readonly accountId: string | null;
  readonly roles: readonly string[];
  readonly orgUnitIds: readonly string[];
  readonly sessionId?: string;
  readonly kind: 'account' | 'system' | 'anonymous';
}

export interface ContextStore {
  tenant?: TenantRef;
  actor?: Actor;
  requestId?: string;
  /** The request's host name (lower case, no port): it selects a tenant's label (statement 003). */
  host?: string;
  /** The open tenant transaction, so nested units of work join it instead of opening another. */
  tx?: unknown;
}

const storage = new AsyncLocalStorage<ContextStore>();

export class MissingTenantContextError extends Error {
  constructor() {
    super('No tenant in context: tenant-owned data is only reachable inside a tenant unit of work');
    this.name = 'MissingTenantContextError';
  }
}

/**
 * Request-wide context carried through AsyncLocalStorage rather than request-scoped providers,
 * which would re-instantiate half the dependency graph on every request.
 */
export const RequestContext = {
  run<T>(store: ContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  /** Runs fn with extra context layered over the current one. */
  with<T>(patch: Partial<ContextStore>, fn: () => T): T {
    return storage.run({ ...(storage.getStore() ?? {}), ...patch }, fn);
  },
  get(): ContextStore | undefined {
    return storage.getStore();
  },
  /** The current tenant; throws when there is none, so forgotten context fails loudly. */
  tenant(): TenantRef {
    const tenant = storage.getStore()?.tenant;
    if (!tenant) throw new MissingTenantContextError();
    return tenant;
  },
  tenantOrNull(): TenantRef | null {
    return storage.getStore()?.tenant ?? null;
  },
  actor(): Actor {
    return storage.getStore()?.actor ?? ANONYMOUS;
  },
  /** The host name the request was served on, if any (scheduled work has none). */
  host(): string | undefined {
    return storage.getStore()?.host;
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  /** Mutates the current store; used by the guard once the token is verified. */
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};

export const ANONYMOUS: Actor = Object.freeze({
  accountId: null,
  roles: [],
  orgUnitIds: [],
  kind: 'anonymous',
});

export const SYSTEM: Actor = Object.freeze({
  accountId: null,
  roles: ['system'],
  orgUnitIds: [],
  kind: 'system',
});
