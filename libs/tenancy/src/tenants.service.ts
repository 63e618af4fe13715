import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LRUCache } from 'lru-cache';
import type { TenantRef } from '../../context/src/index.js';
import { TenantRegistry, PLATFORM_TENANT_KEY } from './tenant-registry.js';

/** A cached answer; `tenant: null` remembers that a name belongs to no tenant. */
interface CacheEntry {
  readonly tenant: TenantRef | null;
}

/**
 * How much of the catalog one process remembers. Names that belong to a tenant and names that do
 * not are kept apart, so a flood of made-up host names only ever churns the second cache and never
 * pushes the real tenants out (every request would then query the catalog).
 */
export const TENANT_CACHE = { ttlMs: 30_000, known: 10_000, unknown: 2_000 } as const;

/** What may name a tenant at all; anything else is unknown without asking the database. */
const HOST_NAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
const TENANT_KEY = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * The tenant catalog. Resolution is cached briefly per process: it runs on every request, and a
 * new domain or tenant becomes visible to every api process within the cache time.
 */
@Injectable()
export class TenantsService {
  private readonly known = new LRUCache<string, CacheEntry>({ max: TENANT_CACHE.known, ttl: TENANT_CACHE.ttlMs });
  private readonly unknown = new LRUCache<string, CacheEntry>({ max: TENANT_CACHE.unknown, ttl: TENANT_CACHE.ttlMs });

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: TenantRegistry,
  ) {}

  async byKey(key: string): Promise<TenantRef | null> {
    if (!TENANT_KEY.test(key)) return null;
    return this.cached(`key:${key}`, async () => {
      const rows = await this.dataSource.query(
        `SELECT id, key, plugin FROM tenants WHERE key = $1 AND status = 'active'`,
        [key],
      );
      return rows[0] ?? null;
    });
  }

  async byHost(host: string): Promise<TenantRef | null> {
    const name = host.toLowerCase().replace(/:\d+$/, '');
    if (!HOST_NAME.test(name)) return null;
    return this.cached(`host:${name}`, async () => {
      const rows = await this.dataSource.query(
        `SELECT t.id, t.key, t.plugin FROM tenant_domains d JOIN tenants t ON t.id = d.tenant_id
          WHERE d.host = $1 AND t.status = 'active'`,
        [name],
      );
      return rows[0] ?? null;
    });
  }

  async require(key: string): Promise<TenantRef> {
    const t = await this.byKey(key);
    if (!t) throw new NotFoundException(`Unknown tenant "${key}"`);
    return t;
  }

  async list(): Promise<(TenantRef & { name: string; status: string })[]> {
    return this.dataSource.query(`SELECT id, key, plugin, name, status FROM tenants ORDER BY key`);
  }

  /** Creates a tenant on a registered definition; returns the existing one when `ifMissing`. */
  async create(
    input: { key: string; plugin: string; name: string; domains?: string[] },
    opts: { ifMissing?: boolean } = {},
  ): Promise<TenantRef> {
    if (input.plugin !== PLATFORM_TENANT_KEY && !this.registry.has(input.plugin))
      throw new NotFoundException(`No tenant definition named "${input.plugin}"`);
    // The runtime role only reads the catalog: app.create_tenant (owned by the definer role) adds a
    // new tenant with new host names, or answers with the tenant that already has the key.
    // ON CONFLICT inside it, not look-then-insert: two processes seeding at once must not collide.
    let rows: (TenantRef & { created: boolean })[];
    try {
      rows = await this.dataSource.query(`SELECT id, key, plugin, created FROM app.create_tenant($1, $2, $3, $4)`, [
        input.key,
        input.plugin,
        input.name,
        (input.domains ?? []).map((h) => h.toLowerCase()),
      ]);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code === 'RC409') throw new ConflictException(e.message);
      throw err;
    }
    const [row] = rows;
    if (!row.created && !opts.ifMissing) throw new ConflictException(`Tenant "${input.key}" already exists`);
    if (row.created) this.forget();
    return { id: row.id, key: row.key, plugin: row.plugin };
  }

  /** How many names each cache holds now (bounded by TENANT_CACHE). */
  cacheSizes(): { known: number; unknown: number } {
    return { known: this.known.size, unknown: this.unknown.size };
  }

  /** The catalog changed in this process: other processes see it within the cache time. */
  private forget(): void {
    this.known.clear();
    this.unknown.clear();
  }

  private async cached(key: string, load: () => Promise<TenantRef | null>): Promise<TenantRef | null> {
    const hit = this.known.get(key) ?? this.unknown.get(key);
    if (hit) return hit.tenant;
    const tenant = await load();
    (tenant ? this.known : this.unknown).set(key, { tenant });
    return tenant;
  }
}
